import type { Client } from 'pg';
import { entryHash } from '../../libs/platform/src/audit/audit-chain';

/** An audit_log row as PostgreSQL returns it. */
export interface StoredEntry {
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/**
 * What a superuser who knows the hashing scheme can do: change `rows[0]`'s target and recompute its hash and
 * every later one (`rows` is the tail of the chain in id order), so the chain alone still verifies.
 */
export async function rewriteAndRecompute(client: Client, rows: StoredEntry[], newTargetId: string): Promise<void> {
  let prev = rows[0].prev_hash;
  for (const row of rows) {
    const fields = {
      prevHash: prev,
      occurredAt: row.occurred_at,
      actorId: row.actor_id,
      action: row.action,
      targetType: row.target_type,
      targetId: row === rows[0] ? newTargetId : row.target_id,
      ip: row.ip,
      requestId: row.request_id,
      details: row.details,
    };
    prev = entryHash(fields);
    await client.query('UPDATE audit_log SET target_id = $2, prev_hash = $3, hash = $4 WHERE id = $1', [
      row.id,
      fields.targetId,
      fields.prevHash,
      prev,
    ]);
  }
}
