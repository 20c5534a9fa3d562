import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random token of `bytes` bytes (32 = 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens and recovery codes are random enough that a fast hash is safe: what is stored cannot be replayed. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `xxxx-xxxx-xxxx-xxxx`, 16 characters from a 31-letter alphabet (~79 bits). */
export function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  const chars = Array.from(bytes, (byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]);
  return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-');
}

/** Accepts a recovery code typed with spaces, capitals or without dashes. */
export function normaliseRecoveryCode(input: string): string {
  const plain = input.toLowerCase().replace(/[^a-z0-9]/g, '');
  return plain.length === 16 ? [0, 4, 8, 12].map((start) => plain.slice(start, start + 4)).join('-') : input;
}
