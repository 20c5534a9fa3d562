import { createHash } from 'node:crypto';
import { isIP } from 'node:net';

export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of an entry: everything but its id and its own hash. */
export interface ChainedFields {
  prevHash: string;
  occurredAt: Date;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth: PostgreSQL's jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function entryHash(fields: ChainedFields): string {
  const content = canonicalJson([
    fields.prevHash,
    fields.occurredAt.toISOString(),
    fields.actorId,
    fields.action,
    fields.targetType,
    fields.targetId,
    fields.ip,
    fields.requestId,
    fields.details,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Names that must never reach the audit log with their value. An audited action says *that* a password
 * was changed or a code was used, never what it was.
 */
const SECRET_KEY =
  /pass(word|phrase)|secret|token|otp|recovery|cookie|authori[sz]ation|^codes?$|private_?key|api_?key/i;
export const REDACTED = '[redacted]';

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        SECRET_KEY.test(key) ? REDACTED : redactSecrets(item),
      ]),
    );
  }
  return value;
}

/** One spelling per address: IPv4-mapped IPv6 becomes plain IPv4, IPv6 lower-case. Not an address → null. */
export function normaliseIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const unmapped = ip.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return isIP(unmapped) ? unmapped : null;
}

export type ChainBreak = { id: string; reason: 'prev-hash-mismatch' | 'hash-mismatch' };

/**
 * Checks one page of entries that follow `expectedPrevHash`. Returns the first break, or the hash the next
 * page must start from.
 */
export function verifyPage(
  entries: (ChainedFields & { id: string; hash: string })[],
  expectedPrevHash: string,
): { break: ChainBreak } | { lastHash: string } {
  let prev = expectedPrevHash;
  for (const entry of entries) {
    if (entry.prevHash !== prev) return { break: { id: entry.id, reason: 'prev-hash-mismatch' } };
    if (entryHash(entry) !== entry.hash) return { break: { id: entry.id, reason: 'hash-mismatch' } };
    prev = entry.hash;
  }
  return { lastHash: prev };
}
