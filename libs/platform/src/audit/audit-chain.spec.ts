import {
  canonicalJson,
  ChainedFields,
  entryHash,
  GENESIS_HASH,
  normaliseIp,
  REDACTED,
  redactSecrets,
  verifyPage,
} from './audit-chain';

function chain(count: number) {
  let prev = GENESIS_HASH;
  return Array.from({ length: count }, (_, index) => {
    const fields: ChainedFields = {
      prevHash: prev,
      occurredAt: new Date(Date.UTC(2026, 10, 28, 9, 0, index)),
      actorId: null,
      action: 'network.member-added',
      targetType: 'network',
      targetId: `n${index}`,
      ip: '192.0.2.10',
      requestId: `req-${index}`,
      details: { state: 'MU', count: index },
    };
    const hash = entryHash(fields);
    prev = hash;
    return { ...fields, id: String(index + 1), hash };
  });
}

describe('audit chain', () => {
  it('hashes content, not key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('accepts an intact chain and returns its last hash', () => {
    const entries = chain(5);
    expect(verifyPage(entries, GENESIS_HASH)).toEqual({ lastHash: entries[4].hash });
  });

  it('names the altered row', () => {
    const entries = chain(5);
    entries[2].action = 'network.member-removed';
    expect(verifyPage(entries, GENESIS_HASH)).toEqual({ break: { id: '3', reason: 'hash-mismatch' } });
  });

  it('names the row after a deleted one', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyPage(entries, GENESIS_HASH)).toEqual({ break: { id: '3', reason: 'prev-hash-mismatch' } });
  });

  it('detects a rewritten row even when its own hash is recomputed', () => {
    const entries = chain(4);
    entries[1].targetId = 'forged';
    entries[1].hash = entryHash(entries[1]);
    expect(verifyPage(entries, GENESIS_HASH)).toEqual({ break: { id: '3', reason: 'prev-hash-mismatch' } });
  });
});

describe('redactSecrets', () => {
  it('keeps what happened and drops secrets at any depth', () => {
    const redacted = redactSecrets({
      email: 'focal.point@example.org',
      password: 'correct horse battery',
      nested: { refreshToken: 'abc', totpCode: '123456', code: '654321', countryCode: 'MU' },
      list: [{ recoveryCodes: ['x'] }],
    });
    expect(redacted).toEqual({
      email: 'focal.point@example.org',
      password: REDACTED,
      nested: { refreshToken: REDACTED, totpCode: REDACTED, code: REDACTED, countryCode: 'MU' },
      list: [{ recoveryCodes: REDACTED }],
    });
  });
});

describe('normaliseIp', () => {
  it('spells each address one way and refuses what is not an address', () => {
    expect(normaliseIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseIp('2001:DB8::1')).toBe('2001:db8::1');
    expect(normaliseIp('not-an-ip')).toBeNull();
    expect(normaliseIp(undefined)).toBeNull();
  });
});
