import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Keyring } from './keyring';

/**
 * What one library has encrypted under the keyring's master keys. `rewrap` re-encrypts up to `limit` items
 * still under another key than the current one, under the current key, and says how many it did (rows
 * locked by ongoing work are skipped and found by a later round).
 */
export interface Rewrapper {
  name: string;
  /** How many items still use a key other than `currentKeyId`. */
  pending(currentKeyId: string): Promise<number>;
  rewrap(keyring: Keyring, limit: number): Promise<number>;
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

  /** Re-wraps in batches, round after round, until no item of any library uses another key. */
  async run(
    keyring: Keyring,
    options: { batch?: number; onBatch?: (name: string, done: number) => void } = {},
  ): Promise<Record<string, number>> {
    const done: Record<string, number> = {};
    for (;;) {
      let round = 0;
      for (const rewrapper of this.rewrappers) {
        for (
          let count = await rewrapper.rewrap(keyring, options.batch ?? 200);
          count > 0;
          count = await rewrapper.rewrap(keyring, options.batch ?? 200)
        ) {
          done[rewrapper.name] = (done[rewrapper.name] ?? 0) + count;
          round += count;
          options.onBatch?.(rewrapper.name, count);
        }
      }
      const left = Object.values(await this.pending(keyring.currentKeyId)).reduce((sum, count) => sum + count, 0);
      if (left === 0) return done;
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
  const stale = `"${column}" IS NOT NULL AND split_part("${column}", '.', 2) <> $1`;
  return {
    name: spec.name,
    pending: async (currentKeyId) =>
      Number(
        (
          (await dataSource.query(`SELECT count(*) AS n FROM "${table}" WHERE ${stale}`, [currentKeyId])) as {
            n: string;
          }[]
        )[0].n,
      ),
    rewrap: (keyring, limit) =>
      dataSource.transaction(async (manager) => {
        const rows = (await manager.query(
          `SELECT id, "${column}" AS sealed FROM "${table}" WHERE ${stale} LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [keyring.currentKeyId, limit],
        )) as { id: string; sealed: string }[];
        for (const row of rows) {
          const resealed = keyring.encrypt(keyring.decrypt(row.sealed, spec.context(row.id)), spec.context(row.id));
          const keyId = spec.keyIdColumn ? `, "${spec.keyIdColumn}" = $3` : '';
          await manager.query(
            `UPDATE "${table}" SET "${column}" = $1${keyId} WHERE id = $2`,
            spec.keyIdColumn ? [resealed, row.id, keyring.currentKeyId] : [resealed, row.id],
          );
        }
        return rows.length;
      }),
  };
}
