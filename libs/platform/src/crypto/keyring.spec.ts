import { randomBytes } from 'node:crypto';
import { DecryptionError, Keyring, parseKeyring } from './keyring';

const key = () => randomBytes(32).toString('base64');

describe('Keyring', () => {
  const spec = `old:${key()},new:${key()}`;

  it('round-trips under the current key and names it in the ciphertext', () => {
    const ring = new Keyring(parseKeyring(spec), 'new');
    const token = ring.encrypt('JBSWY3DPEHPK3PXP', 'totp-secret');
    expect(token).not.toContain('JBSWY3DPEHPK3PXP');
    expect(Keyring.keyIdOf(token)).toBe('new');
    expect(ring.decrypt(token, 'totp-secret')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('derives one key per purpose and master key, and none from a key it no longer holds', () => {
    const ring = new Keyring(parseKeyring(spec), 'new');
    const derived = ring.derive('audit-checkpoint') as Buffer;
    expect(derived).toHaveLength(32);
    expect(ring.derive('audit-checkpoint', 'new')?.equals(derived)).toBe(true);
    expect(ring.derive('another-purpose')?.equals(derived)).toBe(false);
    expect(ring.derive('audit-checkpoint', 'old')?.equals(derived)).toBe(false);
    expect(ring.derive('audit-checkpoint', 'gone')).toBeNull();
  });

  it('uses a fresh IV each time', () => {
    const ring = new Keyring(parseKeyring(spec), 'new');
    expect(ring.encrypt('same', 'c')).not.toBe(ring.encrypt('same', 'c'));
  });

  it('decrypts with any key of the ring after the current key changes', () => {
    const token = new Keyring(parseKeyring(spec), 'old').encrypt('secret', 'c');
    expect(new Keyring(parseKeyring(spec), 'new').decrypt(token, 'c')).toBe('secret');
  });

  it('refuses a tampered ciphertext, another context, and a retired key', () => {
    const ring = new Keyring(parseKeyring(spec), 'new');
    const token = ring.encrypt('secret', 'c');
    const parts = token.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => ring.decrypt([...parts.slice(0, 3), flipped.toString('base64url')].join('.'), 'c')).toThrow(
      DecryptionError,
    );
    expect(() => ring.decrypt(token, 'other')).toThrow(DecryptionError);
    const retired = new Keyring(parseKeyring(`old:${key()}`), 'old');
    expect(() => retired.decrypt(token, 'c')).toThrow(/not in the keyring/);
  });

  it('refuses a malformed keyring naming the problem', () => {
    expect(() => parseKeyring('k1:short')).toThrow(/32 bytes/);
    expect(() => parseKeyring(`k1:${key()},k1:${key()}`)).toThrow(/twice/);
    expect(() => new Keyring(parseKeyring(`k1:${key()}`), 'k2')).toThrow(/not in the keyring/);
  });
});
