import { throttledAddress } from './client-address';

describe('throttledAddress', () => {
  it('counts an IPv4 address as itself, also when written IPv4-mapped', () => {
    expect(throttledAddress('198.51.100.7')).toBe('198.51.100.7');
    expect(throttledAddress('::ffff:198.51.100.7')).toBe('198.51.100.7');
  });

  it('counts every IPv6 address of one /64 as one, however it is written', () => {
    const one = [
      '2001:db8:aa:bb::1',
      '2001:0db8:00aa:00bb:ffff:ffff:ffff:ffff',
      '2001:DB8:AA:BB:1:2:3:4',
      'fe80::1%eth0'.replace('fe80::1', '2001:db8:aa:bb::9'),
    ].map(throttledAddress);
    expect(new Set(one)).toEqual(new Set(['2001:db8:aa:bb::/64']));
    expect(throttledAddress('2001:db8:aa:bc::1')).toBe('2001:db8:aa:bc::/64');
    expect(throttledAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttledAddress('2001:db8::')).toBe('2001:db8:0:0::/64');
  });

  it('gives anything unparsable one shared bucket', () => {
    expect(throttledAddress(undefined)).toBe('unknown');
    expect(throttledAddress('not-an-ip')).toBe('unknown');
  });
});
