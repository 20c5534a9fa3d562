import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { Keyring } from '../crypto/keyring';
import { Queues } from '../queues/queues';
import { GENESIS_HASH } from './audit-chain';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { AuditService, VerifyResult } from './audit.service';

const MAC_PURPOSE = 'audit-checkpoint';

/** What the MAC covers, one spelling: every column but the id and the MAC itself. */
function macInput(checkpoint: Pick<AuditCheckpoint, 'writtenAt' | 'lastEntryId' | 'lastHash' | 'keyId'>): string {
  return [
    'audit-checkpoint/v1',
    checkpoint.lastEntryId,
    checkpoint.lastHash,
    checkpoint.writtenAt.toISOString(),
    checkpoint.keyId,
  ].join('|');
}

export type CheckpointProblem =
  /** The MAC does not verify: the checkpoint was altered or forged. */
  | { checkpointId: string; reason: 'checkpoint-forged' }
  /** The entry the checkpoint names has another hash now: the chain was rewritten and recomputed. */
  | { checkpointId: string; reason: 'chain-rewritten'; entryId: string }
  /** The entry the checkpoint names is gone though later ones remain. */
  | { checkpointId: string; reason: 'entry-missing'; entryId: string }
  /** The entry the checkpoint names is newer than the newest one left: the tail was dropped. */
  | { checkpointId: string; reason: 'tail-truncated'; entryId: string; newestEntryId: string };

export interface AnchoredVerifyResult {
  chain: VerifyResult;
  checkpoints: {
    verified: number;
    /** Checkpoints whose master key has left the keyring: neither trusted nor taken for tampering. */
    unverifiable: { id: string; keyId: string }[];
    problems: CheckpointProblem[];
    /** When the newest checkpoint was written (null: none yet). */
    newestAt: Date | null;
  };
}

/**
 * Anchors the hash chain. The chain alone shows an edit only to someone who did not recompute the hashes
 * after it, and says nothing about entries dropped from its end. Every AUDIT_CHECKPOINT_INTERVAL_MS the
 * worker records the newest entry's id and hash with an HMAC under a key derived (HKDF) from the current
 * master key; `verify` then finds a recomputed chain (an anchored hash changed) and a dropped tail (an
 * anchored entry is gone). Someone holding the master key, or deleting the newest checkpoints along with
 * the entries after them, is beyond what it can show: the age of the newest checkpoint is reported.
 */
@Injectable()
export class AuditCheckpoints implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keyring: Keyring,
    private readonly clock: Clock,
    private readonly queues: Queues,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queues.register({
      name: 'platform.audit-checkpoint',
      every: this.config.AUDIT_CHECKPOINT_INTERVAL_MS,
      process: () => this.write().then(() => undefined),
    });
  }

  private mac(checkpoint: Pick<AuditCheckpoint, 'writtenAt' | 'lastEntryId' | 'lastHash' | 'keyId'>): string | null {
    const key = this.keyring.derive(MAC_PURPOSE, checkpoint.keyId);
    return key ? createHmac('sha256', key).update(macInput(checkpoint)).digest('hex') : null;
  }

  /** Anchors the newest committed entry (appends commit in id order, under the append lock). */
  async write(): Promise<AuditCheckpoint> {
    const [last] = await this.dataSource.query<{ id: string; hash: string }[]>(
      'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1',
    );
    const fields = {
      writtenAt: this.clock.now(),
      lastEntryId: last?.id ?? '0',
      lastHash: last?.hash ?? GENESIS_HASH,
      keyId: this.keyring.currentKeyId,
    };
    const repository = this.dataSource.getRepository(AuditCheckpoint);
    return repository.save(repository.create({ ...fields, mac: this.mac(fields) as string }));
  }

  /** Walks the chain, and checks every checkpoint the keyring can still verify against it. */
  async verify(): Promise<AnchoredVerifyResult> {
    const all = await this.dataSource.getRepository(AuditCheckpoint).find({ order: { id: 'ASC' } });
    const unverifiable: { id: string; keyId: string }[] = [];
    const problems: CheckpointProblem[] = [];
    const anchors: AuditCheckpoint[] = [];
    for (const checkpoint of all) {
      const expected = this.mac(checkpoint);
      if (expected === null) unverifiable.push({ id: checkpoint.id, keyId: checkpoint.keyId });
      else if (!sameHex(expected, checkpoint.mac))
        problems.push({ checkpointId: checkpoint.id, reason: 'checkpoint-forged' });
      else if (checkpoint.lastEntryId !== '0') anchors.push(checkpoint);
    }
    anchors.sort((a, b) => compareIds(a.lastEntryId, b.lastEntryId));

    let next = 0;
    let newest = '0';
    const chain = await this.audit.verify((page) => {
      for (const entry of page) {
        for (; next < anchors.length && compareIds(anchors[next].lastEntryId, entry.id) <= 0; next += 1) {
          const anchor = anchors[next];
          if (anchor.lastEntryId !== entry.id)
            problems.push({ checkpointId: anchor.id, reason: 'entry-missing', entryId: anchor.lastEntryId });
          else if (anchor.lastHash !== entry.hash)
            problems.push({ checkpointId: anchor.id, reason: 'chain-rewritten', entryId: entry.id });
        }
        newest = entry.id;
      }
    });
    // Past a break the chain is already reported broken; only an intact chain can be told it lost its tail.
    if (chain.ok)
      for (const anchor of anchors.slice(next))
        problems.push({
          checkpointId: anchor.id,
          reason: 'tail-truncated',
          entryId: anchor.lastEntryId,
          newestEntryId: newest,
        });
    return {
      chain,
      checkpoints: {
        verified: all.length - unverifiable.length - problems.filter((p) => p.reason === 'checkpoint-forged').length,
        unverifiable,
        problems,
        newestAt: all.length ? all.reduce((a, b) => (a.writtenAt > b.writtenAt ? a : b)).writtenAt : null,
      },
    };
  }
}

function compareIds(a: string, b: string): number {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
