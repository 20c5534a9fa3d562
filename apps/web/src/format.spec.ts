import { describe, expect, it } from '@jest/globals';
import { formatRelative } from './format';

describe('formatRelative', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

  it('tells a recent instant relative to now, in each language', () => {
    expect(formatRelative(ago(10), 'en', now)).toBe('now');
    expect(formatRelative(ago(5 * 60), 'en', now)).toBe('5 minutes ago');
    expect(formatRelative(ago(3 * 3600), 'fr', now)).toBe('il y a 3 heures');
    expect(formatRelative(ago(86_400), 'en', now)).toBe('yesterday');
    expect(formatRelative(ago(2 * 86_400), 'ar', now)).toBe('أول أمس');
  });

  it('says now for an instant a little ahead of this device’s clock', () => {
    expect(formatRelative(ago(-20), 'en', now)).toBe('now');
  });

  it('gives the date and time from a week ago', () => {
    expect(formatRelative('2026-11-01T09:30:00Z', 'en', now, 'UTC')).toBe('1 Nov 2026, 09:30');
  });
});
