import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PeopleService } from '@liaison/identity';
import { ValidationProblem } from '@liaison/platform';
import { Authority } from '../authorities/authority.entity';
import { diff, flatten, FlatRecord } from '../authorities/record-fields';
import { AuthorityVersion, VersionSource } from './authority-version.entity';
import type { VersionComparisonDto, VersionDto } from './versions.dto';

/** Every version of every record is kept: a change appends one, in its transaction. */
@Injectable()
export class VersionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleService,
  ) {}

  /** Records the authority as it now stands (its `version` already raised) as that version. */
  async append(
    manager: EntityManager,
    authority: Authority,
    source: VersionSource,
    actorId: string | null,
    proposalId: string | null = null,
  ): Promise<void> {
    await manager.save(
      manager.create(AuthorityVersion, {
        authorityId: authority.id,
        version: authority.version,
        fields: flatten(authority) as Record<string, unknown>,
        source,
        actorId,
        proposalId,
      }),
    );
  }

  async fieldsAt(manager: EntityManager, authorityId: string, version: number): Promise<FlatRecord | null> {
    const row = await manager.findOne(AuthorityVersion, { where: { authorityId, version } });
    return (row?.fields as FlatRecord | undefined) ?? null;
  }

  async list(authorityId: string): Promise<VersionDto[]> {
    const rows = await this.dataSource
      .getRepository(AuthorityVersion)
      .find({ where: { authorityId }, order: { version: 'DESC' } });
    // A record inserted without the services (a fixture, an old import) has no versions but exists.
    if (rows.length === 0 && !(await this.dataSource.getRepository(Authority).existsBy({ id: authorityId })))
      throw new NotFoundException('No such authority');
    const actors = await this.people.many(rows.map((row) => row.actorId).filter((id): id is string => id !== null));
    return rows.map((row, index) => ({
      version: row.version,
      source: row.source,
      createdAt: row.createdAt.toISOString(),
      actor: row.actorId
        ? { id: row.actorId, displayName: actors.find((person) => person.id === row.actorId)?.displayName ?? '' }
        : null,
      proposalId: row.proposalId,
      changedFields: diff((rows[index + 1]?.fields as FlatRecord | undefined) ?? {}, row.fields as FlatRecord).map(
        (change) => change.field,
      ),
    }));
  }

  /** Any two versions, field by field. */
  async compare(authorityId: string, from: number, to: number): Promise<VersionComparisonDto> {
    const [a, b] = await Promise.all([
      this.fieldsAt(this.dataSource.manager, authorityId, from),
      this.fieldsAt(this.dataSource.manager, authorityId, to),
    ]);
    if (!a && !b && !(await this.dataSource.getRepository(Authority).existsBy({ id: authorityId })))
      throw new NotFoundException('No such authority');
    const problems = [
      ...(a ? [] : [{ field: 'from', message: `no version ${from} of this record` }]),
      ...(b ? [] : [{ field: 'to', message: `no version ${to} of this record` }]),
    ];
    if (problems.length) throw new ValidationProblem(problems);
    return { from, to, changes: diff(a ?? {}, b ?? {}) };
  }
}
