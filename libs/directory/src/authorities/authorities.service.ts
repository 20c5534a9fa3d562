import { Injectable, NotFoundException } from '@nestjs/common';
import { HttpStatus } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PeopleService } from '@liaison/identity';
import {
  AuditContext,
  AuditService,
  Clock,
  decodeCursor,
  Page,
  pageOf,
  ProblemException,
  ValidationProblem,
} from '@liaison/platform';
import type {
  AuthorityDetailDto,
  AuthorityQueryDto,
  AuthoritySummaryDto,
  CreateAuthorityDto,
  UpdateAuthorityDto,
} from './authorities.dto';
import { Network } from '../networks/network.entity';
import { NetworkState } from '../networks/network-state.entity';
import { scheduleFor } from '../schedule/office-hours';
import { State } from '../states/state.entity';
import { Authority } from './authority.entity';
import { dateOf, verificationDue } from '../freshness/freshness';
import { VersionsService } from '../versions/versions.service';
import { applyFlat, diff, flatten, flattenInput, RecordField, sameValue } from './record-fields';

/** 409: the fields someone else changed since the version an edit or a proposal was made on. */
export function staleProblem(fields: string[], detail: string): ProblemException {
  return new ProblemException({
    type: '/problems/stale-record',
    title: 'The record changed since',
    status: HttpStatus.CONFLICT,
    detail: `${detail}: ${fields.join(', ')}`,
    errors: fields.map((field) => ({ field, message: 'changed by someone else since' })),
  });
}

const DEFAULT_LIMIT = 20;

export function summaryOf(authority: Authority & { state?: State }, today: string): AuthoritySummaryDto {
  return {
    id: authority.id,
    name: authority.name,
    state: { code: authority.stateCode, name: authority.state?.name ?? authority.stateCode },
    categories: authority.categories,
    languages: authority.languages,
    channels: authority.channels,
    acceptsInterpol: authority.acceptsInterpol,
    timeZone: authority.timeZone,
    demo: authority.demo,
    centralAuthority: authority.centralAuthority,
    lastVerified: authority.lastVerified,
    verificationDue: verificationDue(authority.lastVerified, today),
  };
}

export function checkHours(hours: Authority['officeHours']): void {
  for (const [day, intervals] of Object.entries(hours)) {
    for (const [index, interval] of intervals.entries()) {
      if (interval.end <= interval.start) {
        throw new ValidationProblem([{ field: `officeHours.${day}.${index}.end`, message: 'must be after start' }]);
      }
    }
  }
}

/**
 * Competent authorities. Every signed-in user reads them (finding counterparts is the point); the secretariat
 * and admins write them, each change audited.
 */
@Injectable()
export class AuthoritiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly people: PeopleService,
    private readonly versions: VersionsService,
  ) {}

  /** Today's date (UTC), by the platform's clock. */
  today(): string {
    return dateOf(this.clock.now());
  }

  /** Search and filters, keyset-paginated on (name, id). */
  async search(query: AuthorityQueryDto): Promise<Page<AuthoritySummaryDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const builder = this.dataSource
      .getRepository(Authority)
      .createQueryBuilder('authority')
      .innerJoinAndSelect('authority.state', 'state')
      .orderBy('authority.name', 'ASC')
      .addOrderBy('authority.id', 'ASC')
      .limit(limit + 1);
    if (query.q) {
      // Every word must appear in the authority's or its State's name, accents and case ignored.
      query.q
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 8)
        .forEach((word, index) => {
          builder.andWhere(
            `(unaccent_lower(authority.name) LIKE unaccent_lower(:w${index}) ESCAPE '\\' OR unaccent_lower(state.name) LIKE unaccent_lower(:w${index}) ESCAPE '\\')`,
            { [`w${index}`]: `%${word.replace(/[\\%_]/g, '\\$&')}%` },
          );
        });
    }
    if (query.state) builder.andWhere('authority.state_code = :state', { state: query.state });
    if (query.network) {
      builder.andWhere(
        'authority.state_code IN (SELECT ns.state_code FROM network_states ns WHERE ns.network_id = :network)',
        { network: query.network },
      );
    }
    if (query.category) builder.andWhere(':category = ANY(authority.categories)', { category: query.category });
    if (query.language) builder.andWhere(':language = ANY(authority.languages)', { language: query.language });
    if (query.channel) builder.andWhere(':channel = ANY(authority.channels)', { channel: query.channel });
    if (query.acceptsInterpol !== undefined)
      builder.andWhere('authority.accepts_interpol = :interpol', { interpol: query.acceptsInterpol });
    const after = decodeCursor(query.cursor, ['text', 'uuid']);
    if (after)
      builder.andWhere('(authority.name, authority.id) > (:afterName, :afterId)', {
        afterName: after[0],
        afterId: after[1],
      });
    const page = pageOf(await builder.getMany(), limit, (authority) => [authority.name, authority.id]);
    const today = this.today();
    return { items: page.items.map((authority) => summaryOf(authority, today)), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<Authority> {
    const authority = await this.dataSource
      .getRepository(Authority)
      .findOne({ where: { id }, relations: { state: true } });
    if (!authority) throw new NotFoundException('No such authority');
    return authority;
  }

  /** The full record, with its office hours in the viewer's zone. */
  async record(id: string, viewerZone: string): Promise<AuthorityDetailDto> {
    const authority = await this.get(id);
    const [networks, focalPoints] = await Promise.all([
      this.dataSource
        .getRepository(Network)
        .createQueryBuilder('network')
        .innerJoin(NetworkState, 'ns', 'ns.network_id = network.id AND ns.state_code = :code', {
          code: authority.stateCode,
        })
        .orderBy('network.name')
        .getMany(),
      this.people.byAuthority(id, { status: 'active' }),
    ]);
    return {
      ...summaryOf(authority, this.today()),
      version: authority.version,
      officeHours: authority.officeHours,
      documentsRequired: authority.documentsRequired,
      urgentProcedure: authority.urgentProcedure,
      remarks: authority.remarks,
      contact: authority.contact,
      networks: networks.map((network) => ({ id: network.id, name: network.name })),
      focalPoints: focalPoints.map((user) => ({
        id: user.id,
        displayName: user.displayName,
        email: user.email,
        role: user.role,
      })),
      schedule: scheduleFor(authority.officeHours, authority.timeZone, viewerZone, this.clock.now()),
    };
  }

  private async requireState(manager: EntityManager, code: string): Promise<void> {
    if (!(await manager.exists(State, { where: { code } }))) {
      throw new ValidationProblem([{ field: 'stateCode', message: `no State ${code} in the directory` }]);
    }
  }

  async create(input: CreateAuthorityDto, context: AuditContext): Promise<Authority> {
    checkHours(input.officeHours);
    return this.dataSource.transaction(async (manager) => {
      await this.requireState(manager, input.stateCode);
      const authority = await manager.save(
        manager.create(Authority, { ...input, contact: { ...input.contact }, version: 1 }),
      );
      await this.versions.append(manager, authority, 'created', context.actorId ?? null);
      await this.audit.append(
        {
          ...context,
          action: 'authority.created',
          targetType: 'authority',
          targetId: authority.id,
          details: { name: input.name, stateCode: input.stateCode },
        },
        manager,
      );
      return authority;
    });
  }

  /** The authority under its row lock: changes to one record are made one after another. */
  async lock(manager: EntityManager, id: string): Promise<Authority> {
    const authority = await manager
      .getRepository(Authority)
      .createQueryBuilder('authority')
      .setLock('pessimistic_write')
      .where('authority.id = :id', { id })
      .getOne();
    if (!authority) throw new NotFoundException('No such authority');
    return authority;
  }

  /**
   * The secretariat's direct edit, versioned. Made on `baseVersion`, it is refused (409, naming them) for the
   * fields someone changed since to another value, as an approval racing it would be.
   */
  async update(id: string, changes: UpdateAuthorityDto, context: AuditContext): Promise<Authority> {
    if (changes.officeHours) checkHours(changes.officeHours);
    return this.dataSource.transaction(async (manager) => {
      const authority = await this.lock(manager, id);
      const before = flatten(authority);
      const edit = flattenInput(changes as unknown as Record<string, unknown>);
      const changed = diff(before, edit);
      if (changes.baseVersion !== undefined && changes.baseVersion !== authority.version && changed.length) {
        const base = await this.versions.fieldsAt(manager, id, changes.baseVersion);
        if (!base) throw new ValidationProblem([{ field: 'baseVersion', message: 'no such version of this record' }]);
        const stale = changed
          .map((change) => change.field)
          .filter((field: RecordField) => !sameValue(base[field], before[field]));
        if (stale.length) throw staleProblem(stale, 'Changed since version ' + String(changes.baseVersion));
      }
      applyFlat(authority, Object.fromEntries(changed.map((change) => [change.field, change.to])));
      if (changes.lastVerified !== undefined) authority.lastVerified = changes.lastVerified;
      if (changes.centralAuthority !== undefined) authority.centralAuthority = changes.centralAuthority;
      if (changed.length) authority.version += 1;
      await manager.save(authority);
      if (changed.length) await this.versions.append(manager, authority, 'direct', context.actorId ?? null);
      await this.audit.append(
        {
          ...context,
          action: 'authority.updated',
          targetType: 'authority',
          targetId: id,
          details: {
            fields: [
              ...changed.map((change) => change.field),
              ...(changes.lastVerified !== undefined ? ['lastVerified'] : []),
              ...(changes.centralAuthority !== undefined ? ['centralAuthority'] : []),
            ],
            version: authority.version,
          },
        },
        manager,
      );
      return authority;
    });
  }
}
