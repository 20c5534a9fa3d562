import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DecryptionError, type Keyring } from './keyring';

/** An item rotation could not open (altered, truncated, or under a key no longer in the keyring). */
export interface RewrapFailure {
  id: string;
  reason: string;
}

/**
 * What one library has encrypted under the keyring's master keys. `rewrap` re-encrypts up to `limit` items
 * still under another key than the current one, under the current key, and says how many it did and which
 * it could not open (rows locked by ongoing work are skipped and found by a later round). Items in `skip`
 * failed before: they are neither retried nor counted as pending.
 */
export interface Rewrapper {
  name: string;
  /** How many items, not in `skip`, still use a key other than `currentKeyId`. */
  pending(currentKeyId: string, skip?: ReadonlySet<string>): Promise<number>;
  rewrap(
    keyring: Keyring,
    limit: number,
    skip: ReadonlySet<string>,
  ): Promise<{ done: number; failed: RewrapFailure[] }>;
}

export interface RotationReport {
  /** How many items each library re-wrapped. */
  done: Record<string, number>;
  /** The items each library could not open; they are still under their old key. */
  failed: Record<string, RewrapFailure[]>;
}

/**
 * Key rotation, without downtime: deploy a keyring holding the old and the new key everywhere, make the new
 * one current, then run this until nothing uses the old one; then the old key can leave the keyring. Each
 * library registers what it encrypted; the platform knows none of them.
 */
@Injectable()
export class KeyRotation {
  private readonly rewrappers: Rewrapper[] = [];

  register(rewrapper: Rewrapper): void {
    this.rewrappers.push(rewrapper);
  }

  async pending(currentKeyId: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const rewrapper of this.rewrappers) counts[rewrapper.name] = await rewrapper.pending(currentKeyId);
    return counts;
  }

  /**
   * Re-wraps in batches, round after round, until no item of any library uses another key, except those
   * that do not open: each is recorded once, left out of every later batch, and reported, so one damaged
   * ciphertext neither aborts the rotation nor keeps it looping.
   */
  async run(
    keyring: Keyring,
    options: { batch?: number; onBatch?: (name: string, done: number) => void } = {},
  ): Promise<RotationReport> {
    const done: Record<string, number> = {};
    const failed: Record<string, RewrapFailure[]> = {};
    const skips = new Map(this.rewrappers.map((rewrapper) => [rewrapper, new Set<string>()]));
    for (;;) {
      let round = 0;
      for (const rewrapper of this.rewrappers) {
        const skip = skips.get(rewrapper) as Set<string>;
        for (;;) {
          const batch = await rewrapper.rewrap(keyring, options.batch ?? 200, skip);
          for (const failure of batch.failed) {
            skip.add(failure.id);
            (failed[rewrapper.name] ??= []).push(failure);
          }
          if (batch.done === 0 && batch.failed.length === 0) break;
          if (batch.done > 0) {
            done[rewrapper.name] = (done[rewrapper.name] ?? 0) + batch.done;
            options.onBatch?.(rewrapper.name, batch.done);
          }
          round += batch.done + batch.failed.length;
        }
      }
      let left = 0;
      for (const rewrapper of this.rewrappers)
        left += await rewrapper.pending(keyring.currentKeyId, skips.get(rewrapper));
      if (left === 0) return { done, failed };
      // Rows locked by ongoing work were skipped: wait a moment for them.
      if (round === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * The Rewrapper of a column holding `Keyring.encrypt` output (`v1.<key id>.…`), keyed by an `id` column.
 * `keyIdColumn`, if given, is kept equal to the key id (for indexing what still uses an old key).
 */
export function keyringColumn(
  dataSource: DataSource,
  spec: { name: string; table: string; column: string; context: (id: string) => string; keyIdColumn?: string },
): Rewrapper {
  const { table, column } = spec;
  const stale = `"${column}" IS NOT NULL AND split_part("${column}", '.', 2) <> $1 AND NOT (id::text = ANY($2::text[]))`;
  return {
    name: spec.name,
    pending: async (currentKeyId, skip = new Set()) =>
      Number(
        (
          (await dataSource.query(`SELECT count(*) AS n FROM "${table}" WHERE ${stale}`, [
            currentKeyId,
            [...skip],
          ])) as {
            n: string;
          }[]
        )[0].n,
      ),
    rewrap: (keyring, limit, skip) =>
      dataSource.transaction(async (manager) => {
        const rows = (await manager.query(
          `SELECT id, "${column}" AS sealed FROM "${table}" WHERE ${stale} LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [keyring.currentKeyId, [...skip], limit],
        )) as { id: string; sealed: string }[];
        const failed: RewrapFailure[] = [];
        let done = 0;
        for (const row of rows) {
          let plaintext: string;
          try {
            plaintext = keyring.decrypt(row.sealed, spec.context(row.id));
          } catch (error) {
            if (!(error instanceof DecryptionError)) throw error;
            failed.push({ id: row.id, reason: error.message });
            continue;
          }
          const resealed = keyring.encrypt(plaintext, spec.context(row.id));
          const keyId = spec.keyIdColumn ? `, "${spec.keyIdColumn}" = $3` : '';
          await manager.query(
            `UPDATE "${table}" SET "${column}" = $1${keyId} WHERE id = $2`,
            spec.keyIdColumn ? [resealed, row.id, keyring.currentKeyId] : [resealed, row.id],
          );
          done += 1;
        }
        return { done, failed };
      }),
  };
}
