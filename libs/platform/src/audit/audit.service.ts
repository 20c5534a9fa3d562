import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { AuditEntry } from './audit-entry.entity';
import { decodeCursor, Page, pageOf } from '../http/keyset';
import { ChainBreak, entryHash, GENESIS_HASH, normaliseIp, redactSecrets, verifyPage } from './audit-chain';

/** Who did it and from where: taken from the request (see RequestMeta) or from the job that acted. */
export interface AuditContext {
  actorId?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditRecord extends AuditContext {
  /** dotted, past tense: `user.suspended`, `auth.sign-in-failed` */
  action: string;
  targetType?: string;
  targetId?: string;
  /** Context worth keeping; secrets are replaced by `[redacted]` whatever they are called. */
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

export type VerifyResult = { ok: true; entries: number } | { ok: false; entries: number; firstBad: ChainBreak };

/** Any constant will do; it only has to be the same in every process that appends. */
const APPEND_LOCK_KEY = 7_360_114_212;
const VERIFY_PAGE_SIZE = 1000;

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends one entry. Pass the caller's EntityManager so the entry commits (or rolls back) with the change
   * it records. The advisory lock serialises appends across every process until that transaction ends, so
   * the chain never forks.
   */
  async append(record: AuditRecord, manager?: EntityManager): Promise<AuditEntry> {
    if (manager?.queryRunner?.isTransactionActive) return this.appendWithin(manager, record);
    return this.dataSource.transaction((transactional) => this.appendWithin(transactional, record));
  }

  private async appendWithin(manager: EntityManager, record: AuditRecord): Promise<AuditEntry> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
    const [last] = await manager.query<{ hash: string }[]>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
    const fields = {
      prevHash: last?.hash ?? GENESIS_HASH,
      occurredAt: this.clock.now(),
      actorId: record.actorId ?? null,
      action: record.action,
      targetType: record.targetType ?? null,
      targetId: record.targetId ?? null,
      ip: normaliseIp(record.ip),
      requestId: record.requestId ?? null,
      // Round-trip through JSON so that what is hashed is exactly what jsonb stores (dates become strings).
      details: JSON.parse(JSON.stringify(redactSecrets(record.details ?? {}))) as Record<string, unknown>,
    };
    const entry = manager.create(AuditEntry, { ...fields, hash: entryHash(fields) });
    return manager.save(AuditEntry, entry);
  }

  /** Newest first, filtered, by keyset on id. */
  async list(filter: AuditFilter): Promise<Page<AuditEntry>> {
    const query = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('entry')
      .orderBy('entry.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.action) query.andWhere('entry.action = :action', { action: filter.action });
    if (filter.actorId) query.andWhere('entry.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.targetType) query.andWhere('entry.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) query.andWhere('entry.target_id = :targetId', { targetId: filter.targetId });
    if (filter.from) query.andWhere('entry.occurred_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('entry.occurred_at < :to', { to: filter.to });
    const after = decodeCursor(filter.cursor, ['integer']);
    if (after) query.andWhere('entry.id < :after', { after: String(after[0]) });
    return pageOf(await query.getMany(), filter.limit, (entry) => [entry.id]);
  }

  /**
   * Walks the whole chain in id order and names the first entry that does not follow from the one before.
   * `visit` sees each page once it is verified (checkpoints compare their anchors with it).
   */
  async verify(visit?: (entries: readonly { id: string; hash: string }[]) => void): Promise<VerifyResult> {
    let prevHash = GENESIS_HASH;
    let afterId = '0';
    let entries = 0;
    for (;;) {
      const page = await this.dataSource
        .getRepository(AuditEntry)
        .createQueryBuilder('entry')
        .where('entry.id > :afterId', { afterId })
        .orderBy('entry.id', 'ASC')
        .limit(VERIFY_PAGE_SIZE)
        .getMany();
      if (page.length === 0) return { ok: true, entries };
      const result = verifyPage(page, prevHash);
      if ('break' in result) {
        return {
          ok: false,
          entries: entries + page.findIndex((entry) => entry.id === result.break.id),
          firstBad: result.break,
        };
      }
      visit?.(page);
      entries += page.length;
      prevHash = result.lastHash;
      afterId = page[page.length - 1].id;
    }
  }
}
