import type { OfficeHours } from '@liaison/directory';
import { findSlots, insideOfficeHours, InvitedAuthority } from './slot-finder';

const weekdays = (start: string, end: string): OfficeHours => {
  const day = [{ start, end }];
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };
};

const mauritius: InvitedAuthority = {
  id: 'mu',
  name: 'Mauritius central authority',
  timeZone: 'Indian/Mauritius',
  officeHours: weekdays('09:00', '16:00'),
};
const paris: InvitedAuthority = {
  id: 'fr',
  name: 'Paris central authority',
  timeZone: 'Europe/Paris',
  officeHours: {
    ...weekdays('09:00', '12:00'),
    wed: [
      { start: '09:00', end: '12:00' },
      { start: '14:00', end: '17:30' },
    ],
  },
};
const niamey: InvitedAuthority = {
  id: 'ne',
  name: 'Niamey central authority',
  timeZone: 'Africa/Niamey',
  officeHours: weekdays('15:00', '18:00'),
};

const from = new Date('2026-03-23T00:00:00Z'); // a Monday; Paris changes its clocks on the 29th

describe('the slot finder', () => {
  it('never proposes a time outside an invited authority’s office hours, across a clock change', () => {
    const slots = findSlots({ authorities: [mauritius, paris], durationMinutes: 60, from, days: 14, limit: 500 });
    expect(slots.length).toBeGreaterThan(10);
    for (const slot of slots) {
      expect(slot.allInside).toBe(true);
      expect(slot.outside).toEqual([]);
      for (const authority of [mauritius, paris])
        expect(insideOfficeHours(authority, new Date(slot.start), new Date(slot.end))).toBe(true);
    }
    // Paris 09:00–12:00 and Mauritius 09:00–16:00 overlap 09:00–12:00 Paris in winter (UTC+1)…
    expect(slots[0].start).toBe('2026-03-23T08:00:00.000Z');
    expect(slots[0].local).toEqual([
      { id: 'mu', start: '2026-03-23T12:00+04:00' },
      { id: 'fr', start: '2026-03-23T09:00+01:00' },
    ]);
    // …and from 07:00 UTC after Paris moves to UTC+2 (the Mauritius side still 11:00).
    expect(slots.map((slot) => slot.start)).toContain('2026-03-30T07:00:00.000Z');
    expect(slots.map((slot) => slot.start)).not.toContain('2026-03-23T07:00:00.000Z');
    // Earliest first.
    expect([...slots].sort((a, b) => a.start.localeCompare(b.start))).toEqual(slots);
  });

  it('with no common slot, proposes those covering the most authorities and names who is outside', () => {
    const slots = findSlots({ authorities: [mauritius, paris, niamey], durationMinutes: 60, from, days: 7, limit: 5 });
    expect(slots).toHaveLength(5);
    for (const slot of slots) {
      expect(slot.allInside).toBe(false);
      expect(slot.outside).toHaveLength(1);
      const insideOnes = [mauritius, paris, niamey].filter((a) => !slot.outside.some((o) => o.id === a.id));
      for (const authority of insideOnes)
        expect(insideOfficeHours(authority, new Date(slot.start), new Date(slot.end))).toBe(true);
    }
  });

  it('does not stretch a slot past the end of an opening', () => {
    expect(insideOfficeHours(paris, new Date('2026-03-23T10:30:00Z'), new Date('2026-03-23T11:30:00Z'))).toBe(false);
    expect(insideOfficeHours(paris, new Date('2026-03-23T10:00:00Z'), new Date('2026-03-23T11:00:00Z'))).toBe(true);
    expect(insideOfficeHours(paris, new Date('2026-03-28T09:00:00Z'), new Date('2026-03-28T10:00:00Z'))).toBe(false);
  });
});
