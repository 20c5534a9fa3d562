/**
 * The secrets anyone can read: the built-in development defaults and every example or placeholder value in
 * `.env.example`, `docker/` and the docs. A production deployment that uses one of them has no secret at
 * all, so the configuration refuses them there. One list: add any new example value here (the unit test
 * `known-secrets.spec.ts` fails until every value in those files is on it).
 */
export const DEVELOPMENT_SECRETS = {
  JWT_SECRET: 'local-development-only-jwt-secret-0123456789',
  ENCRYPTION_KEY: 'ZGV2ZWxvcG1lbnQtb25seS1rZXktMzItYnl0ZXMhISE=',
  SEARCH_INDEX_KEY: 'bG9jYWwtZGV2ZWxvcG1lbnQtc2VhcmNoLWluZGV4ISE=',
} as const;

export const PUBLISHED_SECRETS: readonly string[] = [
  ...Object.values(DEVELOPMENT_SECRETS),
  // docker/.env.example placeholders
  'CHANGE_ME_jwt_secret_at_least_32_random_characters',
  'base64_of_32_random_bytes',
  'CHANGE_ME_base64_of_32_random_bytes',
  // the docs' elided example key
  '…',
];

/** The fewest bytes a secret may have: 256 bits. */
export const SECRET_MIN_BYTES = 32;

function decoded(value: string): Buffer {
  return Buffer.from(value, 'base64');
}

/**
 * Whether a secret is one of the published values: compared as text and, for base64 keys, as the bytes it
 * decodes to, so re-encoding a published key (padding, base64url) does not make it secret.
 */
export function isPublishedSecret(value: string): boolean {
  const text = value.trim();
  const bytes = decoded(text);
  return PUBLISHED_SECRETS.some((known) => {
    if (known === text) return true;
    const knownBytes = decoded(known);
    return knownBytes.length >= 16 && bytes.equals(knownBytes);
  });
}

/** The master keys of an `id:base64,…` keyring, as written. */
export function keyringKeys(spec: string): string[] {
  return spec
    .split(',')
    .map((entry) => entry.trim().split(':')[1])
    .filter((key): key is string => Boolean(key));
}
