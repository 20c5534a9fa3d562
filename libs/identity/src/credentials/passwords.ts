import { dictionary } from '@zxcvbn-ts/language-common';
import * as argon2 from 'argon2';
import { PASSWORD_MAX, PASSWORD_MIN, passwordLengthProblem } from '@liaison/contracts';

export { PASSWORD_MAX, PASSWORD_MIN };

/** argon2id with OWASP's floor: 19 MiB of memory, two passes. */
const ARGON2 = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

/**
 * A real hash of a random password, compared against when the account does not exist, so that an unknown
 * e-mail address costs the same time as a wrong password (no timing oracle).
 */
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= argon2.hash(`no-such-account-${Math.random()}`, ARGON2);
  return dummyHash;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2);
}

/** Verifies against the stored hash, or spends the same effort on a dummy hash when there is none. */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (!hash) {
    await argon2.verify(await dummy(), password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

const COMMON = new Set((dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase()));

/**
 * Why a new password is refused, or null. Length 12-128 and not a common password: neither exactly one of
 * the ~49,000 most common, nor one of them with digits or symbols stuck on the end ("Password2026!"), nor
 * one character repeated. No composition rules (NIST SP 800-63B).
 */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  const length = passwordLengthProblem(password);
  if (length === 'too-short') return `must be at least ${PASSWORD_MIN} characters`;
  if (length === 'too-long') return `must be at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (COMMON.has(lower) || (stem.length >= 4 && COMMON.has(stem))) return 'is too common; choose another';
  if (/^(.)\1*$/u.test(password)) return 'must not be one character repeated';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'must not contain your e-mail address';
  return null;
}
