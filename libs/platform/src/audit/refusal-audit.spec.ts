import { RefusalCap, sourceAddress } from './refusal-audit';

describe('RefusalCap', () => {
  it('lets each source through up to its ceiling a minute, and says once when it stops', () => {
    const cap = new RefusalCap(3, 100);
    const at = Date.UTC(2026, 11, 5, 12, 0, 10);
    const results = Array.from({ length: 6 }, () => cap.take(['ip:192.0.2.1', 'user:a'], at));
    expect(results.map((result) => result.ok)).toEqual([true, true, true, false, false, false]);
    expect(results.slice(3).map((result) => !result.ok && result.firstRefusal)).toEqual(['ip:192.0.2.1', null, null]);
    // Another source is not held back by the first one's flood.
    expect(cap.take(['ip:192.0.2.2'], at)).toEqual({ ok: true });
    // The same user from another address is: the user is a source too.
    expect(cap.take(['ip:192.0.2.3', 'user:a'], at)).toEqual({ ok: false, firstRefusal: 'user:a' });
    // A new minute, a new allowance.
    expect(cap.take(['ip:192.0.2.1', 'user:a'], at + 60_000)).toEqual({ ok: true });
  });

  it('holds all sources together under the overall ceiling', () => {
    const cap = new RefusalCap(5, 4);
    const at = Date.UTC(2026, 11, 5, 12, 0, 10);
    const results = Array.from({ length: 6 }, (_, index) => cap.take([`ip:198.51.100.${index}`], at));
    expect(results.map((result) => result.ok)).toEqual([true, true, true, true, false, false]);
    expect(results[4]).toEqual({ ok: false, firstRefusal: '*' });
  });
});

describe('sourceAddress', () => {
  it('counts IPv6 by /64 and IPv4 by address', () => {
    expect(sourceAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(sourceAddress('2001:DB8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(sourceAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(sourceAddress('::ffff:192.0.2.9')).toBe('192.0.2.9');
    expect(sourceAddress('nonsense')).toBeNull();
  });
});
