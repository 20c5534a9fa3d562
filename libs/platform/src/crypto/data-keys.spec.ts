import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DataKeys, readableOrNull } from './data-keys';
import { KeyRotation } from './key-rotation';
import { DecryptionError, Keyring, open, parseKeyring, seal } from './keyring';

const ring = new Keyring(parseKeyring(`old:${randomBytes(32).toString('base64')}`), 'old');
const context = (id: string) => `row-key:${id}`;

/** `sealed` with one character of its ciphertext changed. */
const tamper = (sealed: string) => {
  const at = sealed.indexOf('.') + 3;
  return sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
};

describe('DataKeys', () => {
  it('round-trips a text sealed with a new data key, through its wrapped key', () => {
    const created = new DataKeys(ring, context).create('r1');
    expect(created.key).toHaveLength(32);
    expect(created.masterKeyId).toBe('old');
    expect(Keyring.keyIdOf(created.wrappedKey)).toBe('old');
    const keys = new DataKeys(ring, context);
    const sealed = keys.seal(created.key, 'the body', 'row-body:r1');
    expect(sealed).not.toContain('the body');
    expect(keys.open(keys.unwrap({ id: 'r1', wrappedKey: created.wrappedKey }), sealed, 'row-body:r1')).toBe(
      'the body',
    );
  });

  it('keeps the formats: keys wrapped and texts sealed directly with the keyring open, and the reverse', () => {
    const keys = new DataKeys(ring, context);
    const key = randomBytes(32);
    const wrappedByHand = ring.encrypt(key.toString('base64'), context('r2'));
    expect(keys.unwrap({ id: 'r2', wrappedKey: wrappedByHand }).equals(key)).toBe(true);
    expect(keys.open(key, seal(key, 'text', 'ctx'), 'ctx')).toBe('text');
    const created = keys.create('r3');
    expect(Buffer.from(ring.decrypt(created.wrappedKey, context('r3')), 'base64').equals(created.key)).toBe(true);
    expect(open(created.key, keys.seal(created.key, 'text', 'ctx'), 'ctx')).toBe('text');
  });

  it('refuses a text under another context, and a wrapped key under another owner', () => {
    const keys = new DataKeys(ring, context);
    const { key, wrappedKey } = keys.create('r4');
    const sealed = keys.seal(key, 'text', 'row-body:r4');
    expect(() => keys.open(key, sealed, 'row-body:r5')).toThrow(DecryptionError);
    expect(() => keys.unwrap({ id: 'r5', wrappedKey })).toThrow(DecryptionError);
  });

  it('refuses a tampered text and a tampered wrapped key', () => {
    const keys = new DataKeys(ring, context);
    const { key, wrappedKey } = keys.create('r6');
    const sealed = keys.seal(key, 'text', 'ctx');
    expect(() => keys.open(key, tamper(sealed), 'ctx')).toThrow(DecryptionError);
    const prefix = 'v1.old.';
    expect(wrappedKey.startsWith(prefix)).toBe(true);
    const altered = prefix + tamper(wrappedKey.slice(prefix.length));
    expect(() => keys.unwrap({ id: 'r6', wrappedKey: altered })).toThrow(DecryptionError);
  });

  it('keeps at most cacheSize unwrapped keys, the oldest leaving first, and still unwraps an evicted one', () => {
    const keys = new DataKeys(ring, context, 2);
    const a = keys.create('a');
    keys.create('b');
    expect(keys.knows('a')).toBe(true);
    keys.create('c');
    expect([keys.knows('a'), keys.knows('b'), keys.knows('c')]).toEqual([false, true, true]);
    expect(keys.unwrap({ id: 'a', wrappedKey: a.wrappedKey }).equals(a.key)).toBe(true);
    expect([keys.knows('a'), keys.knows('b'), keys.knows('c')]).toEqual([true, false, true]);
  });

  it('caches nothing by default: a tampered wrapped key is refused even right after create', () => {
    const keys = new DataKeys(ring, context);
    const { wrappedKey } = keys.create('d');
    expect(keys.knows('d')).toBe(false);
    expect(() => keys.unwrap({ id: 'd', wrappedKey: wrappedKey.slice(0, -4) })).toThrow(DecryptionError);
  });
});

describe('readableOrNull', () => {
  it('returns what reads, and null after reporting a DecryptionError', async () => {
    const reasons: string[] = [];
    const report = async (reason: string) => {
      reasons.push(reason);
    };
    expect(await readableOrNull(() => 'text', report)).toBe('text');
    expect(
      await readableOrNull(() => {
        throw new DecryptionError('truncated');
      }, report),
    ).toBeNull();
    expect(reasons).toEqual(['cannot decrypt: truncated']);
  });

  it('lets any other error through', async () => {
    await expect(
      readableOrNull(
        () => {
          throw new TypeError('bug');
        },
        async () => undefined,
      ),
    ).rejects.toThrow(TypeError);
  });
});

describe('DataKeys.rotateWith', () => {
  it('registers a rewrapper of the named table with KeyRotation', () => {
    const rotation = new KeyRotation();
    const register = jest.spyOn(rotation, 'register');
    new DataKeys(ring, context).rotateWith(rotation, {} as DataSource, { name: 'row data keys', table: 'rows' });
    expect(register).toHaveBeenCalledTimes(1);
    expect(register.mock.calls[0][0].name).toBe('row data keys');
  });
});
