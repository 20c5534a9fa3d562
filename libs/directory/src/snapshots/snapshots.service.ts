import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PeopleService } from '@liaison/identity';
import { AuditContext, AuditService, decodeCursor, KeysetQueryDto, Page, pageOf, toCsv } from '@liaison/platform';
import { WEEKDAYS } from '@liaison/contracts';
import { Authority } from '../authorities/authority.entity';
import { sameValue } from '../authorities/record-fields';
import { State } from '../states/state.entity';
import { DirectorySnapshot } from './directory-snapshot.entity';
import type {
  SnapshotComparisonDto,
  SnapshotDto,
  SnapshotRecordChangeDto,
  SnapshotRecordDto,
  SnapshotSummaryDto,
} from './snapshots.dto';

/** The fields a comparison looks at, in the order shown. */
const COMPARED: (keyof SnapshotRecordDto)[] = [
  'name',
  'categories',
  'languages',
  'channels',
  'acceptsInterpol',
  'centralAuthority',
  'timeZone',
  'officeHours',
  'documentsRequired',
  'urgentProcedure',
  'remarks',
  'contact',
  'lastVerified',
  'focalPoints',
];

const CSV_HEADER = [
  'State code',
  'State',
  'Authority',
  'Central authority',
  'Categories',
  'Languages',
  'Channels',
  'Accepts INTERPOL',
  'Time zone',
  'Office hours',
  'Documents required',
  'Urgent procedure',
  'Remarks',
  'Address',
  'Phone',
  'Fax',
  'E-mail',
  'Website',
  'Last verified',
  'Focal points',
];

/**
 * Published snapshots of the directory: the records (demo ones left out) with their focal points' names and
 * contacts, as the directory shows them, copied into one row that nothing changes afterwards.
 */
@Injectable()
export class SnapshotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly people: PeopleService,
  ) {}

  /** The directory as it is now, as a snapshot would hold it. */
  async current(manager: EntityManager = this.dataSource.manager): Promise<SnapshotRecordDto[]> {
    const authorities = await manager
      .getRepository(Authority)
      .createQueryBuilder('authority')
      .innerJoinAndSelect('authority.state', 'state')
      .where('authority.demo = false')
      .orderBy('state.name')
      .addOrderBy('authority.name')
      .addOrderBy('authority.id')
      .getMany();
    const people =
      authorities.length === 0
        ? []
        : await this.people.find(
            { authorityIds: authorities.map((authority) => authority.id), status: 'active' },
            manager,
          );
    return authorities.map((authority: Authority & { state?: State }) => ({
      id: authority.id,
      name: authority.name,
      state: { code: authority.stateCode, name: authority.state?.name ?? authority.stateCode },
      categories: authority.categories,
      languages: authority.languages,
      channels: authority.channels,
      acceptsInterpol: authority.acceptsInterpol,
      centralAuthority: authority.centralAuthority,
      timeZone: authority.timeZone,
      officeHours: authority.officeHours,
      documentsRequired: authority.documentsRequired,
      urgentProcedure: authority.urgentProcedure,
      remarks: authority.remarks,
      contact: authority.contact,
      lastVerified: authority.lastVerified,
      focalPoints: people
        .filter((person) => person.authorityId === authority.id)
        .filter((person) => person.role === 'focal_point' || person.role === 'coordinator')
        .map((person) => ({ displayName: person.displayName, email: person.email })),
    }));
  }

  async publish(context: AuditContext): Promise<SnapshotSummaryDto> {
    const id = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const records = await this.current(manager);
      const snapshot = await manager.save(
        manager.create(DirectorySnapshot, {
          publishedBy: context.actorId ?? null,
          recordCount: records.length,
          records,
        }),
      );
      await this.audit.append(
        {
          ...context,
          action: 'directory.snapshot-published',
          targetType: 'directory-snapshot',
          targetId: snapshot.id,
          details: { records: records.length },
        },
        manager,
      );
      return snapshot.id;
    });
    return this.summaryOf(await this.find(id));
  }

  private async find(id: string): Promise<DirectorySnapshot> {
    const snapshot = await this.dataSource.getRepository(DirectorySnapshot).findOneBy({ id });
    if (!snapshot) throw new NotFoundException('No such snapshot');
    return snapshot;
  }

  private async summaryOf(snapshot: DirectorySnapshot, names?: Map<string, string>): Promise<SnapshotSummaryDto> {
    const by = snapshot.publishedBy;
    const name = by ? (names?.get(by) ?? (await this.people.get(by))?.displayName ?? '') : '';
    return {
      id: snapshot.id,
      publishedAt: snapshot.publishedAt.toISOString(),
      publishedBy: by ? { id: by, displayName: name } : null,
      recordCount: snapshot.recordCount,
    };
  }

  /** Newest first. */
  async list(query: KeysetQueryDto): Promise<Page<SnapshotSummaryDto>> {
    const limit = query.limit ?? 50;
    const builder = this.dataSource
      .getRepository(DirectorySnapshot)
      .createQueryBuilder('s')
      .select(['s.id', 's.publishedAt', 's.publishedBy', 's.recordCount'])
      .orderBy('s.published_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit + 1);
    const after = decodeCursor(query.cursor, ['text', 'uuid']);
    if (after)
      builder.andWhere('(s.published_at, s.id) < (:afterAt::timestamptz, :afterId)', {
        afterAt: after[0],
        afterId: after[1],
      });
    const page = pageOf(await builder.getMany(), limit, (row) => [row.publishedAt.toISOString(), row.id]);
    const people = await this.people.many(
      page.items.map((row) => row.publishedBy).filter((id): id is string => id !== null),
    );
    const names = new Map(people.map((person) => [person.id, person.displayName]));
    return {
      items: await Promise.all(page.items.map((row) => this.summaryOf(row, names))),
      nextCursor: page.nextCursor,
    };
  }

  async get(id: string): Promise<SnapshotDto> {
    const snapshot = await this.find(id);
    return { ...(await this.summaryOf(snapshot)), records: snapshot.records as SnapshotRecordDto[] };
  }

  /** The snapshot against the directory now: records added, removed, and changed field by field. */
  async compare(id: string): Promise<SnapshotComparisonDto> {
    const snapshot = await this.find(id);
    const then = snapshot.records as SnapshotRecordDto[];
    const now = await this.current();
    const thenById = new Map(then.map((record) => [record.id, record]));
    const nowIds = new Set(now.map((record) => record.id));
    const records: SnapshotRecordChangeDto[] = [];
    for (const record of now) {
      const old = thenById.get(record.id);
      const ref = { id: record.id, name: record.name, state: record.state };
      if (!old) {
        records.push({ ...ref, change: 'added', fields: [] });
        continue;
      }
      const fields = COMPARED.filter((field) => !sameValue(old[field], record[field])).map((field) => ({
        field,
        from: old[field] ?? null,
        to: record[field] ?? null,
      }));
      if (fields.length) records.push({ ...ref, change: 'changed', fields });
    }
    for (const record of then)
      if (!nowIds.has(record.id))
        records.push({ id: record.id, name: record.name, state: record.state, change: 'removed', fields: [] });
    return { snapshotId: snapshot.id, publishedAt: snapshot.publishedAt.toISOString(), records };
  }

  /** One line per record; every cell escaped against formula injection by the platform's CSV writer. */
  async csv(id: string): Promise<string> {
    const snapshot = await this.find(id);
    const rows = (snapshot.records as SnapshotRecordDto[]).map((record) => [
      record.state.code,
      record.state.name,
      record.name,
      record.centralAuthority ? 'yes' : 'no',
      record.categories.join('; '),
      record.languages.join('; '),
      record.channels.join('; '),
      record.acceptsInterpol ? 'yes' : 'no',
      record.timeZone,
      WEEKDAYS.map((day) =>
        (record.officeHours[day] ?? []).length
          ? `${day} ${record.officeHours[day].map((interval) => `${interval.start}-${interval.end}`).join(' ')}`
          : '',
      )
        .filter(Boolean)
        .join('; '),
      record.documentsRequired.join('; '),
      record.urgentProcedure,
      record.remarks,
      record.contact.address ?? null,
      record.contact.phone ?? null,
      record.contact.fax ?? null,
      record.contact.email ?? null,
      record.contact.website ?? null,
      record.lastVerified,
      record.focalPoints.map((person) => `${person.displayName} <${person.email}>`).join('; '),
    ]);
    return toCsv([CSV_HEADER, ...rows]);
  }
}
