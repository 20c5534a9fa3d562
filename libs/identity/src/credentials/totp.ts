import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

/**
 * The encryption context of users.totp_secret sealed before secrets were bound to their user: still read
 * (and re-sealed) for rows with `totp_secret_bound = false`, never written.
 */
export const TOTP_SECRET_CONTEXT = 'users.totp_secret';

/** The encryption context of a user's TOTP secret: a ciphertext copied to another row or column does not decrypt. */
export const totpSecretContext = (userId: string) => `users.totp_secret:${userId}`;

/** The encryption context of the secret an account link offers to enrol, until it is accepted. */
export const linkTotpSecretContext = (linkId: string) => `account_links.totp_secret:${linkId}`;
const ISSUER = 'Liaison';

function totp(secret: string, label = 'account'): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/** A new random 160-bit secret, base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function isTotpSecret(value: string): boolean {
  return /^[A-Z2-7]{32}$/.test(value);
}

export function otpauthUrl(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/**
 * The time step a code belongs to, if it is valid now (one step of clock drift either way), else null.
 * The caller must still refuse a step at or below the last one accepted.
 */
export function totpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** The code for a moment (tests and the demo seed's documentation). */
export function totpCode(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}
