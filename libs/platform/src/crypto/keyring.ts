import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`cannot decrypt: ${reason}`);
    this.name = 'DecryptionError';
  }
}

/** `id:base64key,id:base64key` → keys of 32 bytes each; throws naming what is wrong. */
export function parseKeyring(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const entry of spec
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [id, encoded, ...rest] = entry.split(':');
    if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || !encoded || rest.length)
      throw new Error(`"${id ?? entry}" is not id:base64key`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error(`key "${id}" must be 32 bytes (base64 of 32 random bytes)`);
    if (keys.has(id)) throw new Error(`key id "${id}" appears twice`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new Error('no key');
  return keys;
}

/** A fresh random 256-bit key, e.g. a thread's data key. */
export function newDataKey(): Buffer {
  return randomBytes(32);
}

/**
 * AES-256-GCM with `key`, `context` bound as additional authenticated data: `<iv>.<ciphertext+tag>`
 * (base64url). A ciphertext moved to another context (another row, another purpose) does not open.
 */
export function seal(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** The plaintext of `seal`'s output; DecryptionError if it was altered or belongs to another context. */
export function open(key: Buffer, sealed: string, context: string): string {
  const [iv, body, ...rest] = sealed.split('.');
  if (!iv || !body || rest.length) throw new DecryptionError('not a ciphertext of this format');
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length < TAG_BYTES) throw new DecryptionError('truncated');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new DecryptionError('authentication failed (tampered, or another context)');
  }
}

/**
 * Authenticated encryption (AES-256-GCM) under a keyring of master keys: new ciphertexts use the current
 * key, any key of the ring decrypts, and each ciphertext names its key id so keys can be rotated. `context`
 * is bound as additional authenticated data: a ciphertext moved to another purpose does not decrypt.
 * Format: `v1.<key id>.<iv>.<ciphertext+tag>` (base64url parts).
 */
export class Keyring {
  constructor(
    private readonly keys: Map<string, Buffer>,
    readonly currentKeyId: string,
  ) {
    if (!keys.has(currentKeyId)) throw new Error(`the current key "${currentKeyId}" is not in the keyring`);
  }

  encrypt(plaintext: string, context: string): string {
    return `${VERSION}.${this.currentKeyId}.${seal(this.keys.get(this.currentKeyId) as Buffer, plaintext, context)}`;
  }

  decrypt(token: string, context: string): string {
    const [version, keyId, iv, body, ...rest] = token.split('.');
    if (version !== VERSION || !keyId || !iv || !body || rest.length)
      throw new DecryptionError('not a ciphertext of this format');
    const key = this.keys.get(keyId);
    if (!key) throw new DecryptionError(`key "${keyId}" is not in the keyring`);
    return open(key, `${iv}.${body}`, context);
  }

  /**
   * A 256-bit key for one purpose (`info`), derived with HKDF-SHA256 from the master key `keyId` (the
   * current one by default), so a master key is never used directly for two things. Null if the keyring
   * no longer holds `keyId`.
   */
  derive(info: string, keyId: string = this.currentKeyId): Buffer | null {
    const key = this.keys.get(keyId);
    return key ? Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `liaison:${info}`, 32)) : null;
  }

  /** The key id a ciphertext was made with (rotation finds what still uses an old key). */
  static keyIdOf(token: string): string | null {
    const [version, keyId] = token.split('.');
    return version === VERSION && keyId ? keyId : null;
  }
}
