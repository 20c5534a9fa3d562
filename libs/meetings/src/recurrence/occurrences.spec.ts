import { inZone, isOccurrenceOf, occurrencesBetween, rruleProblem } from './occurrences';

const paris = {
  startLocal: '2026-01-13T10:00',
  timeZone: 'Europe/Paris',
  durationMinutes: 90,
  rrule: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=12',
};
const year = (rule = paris) =>
  occurrencesBetween(rule, [], new Date('2026-01-01T00:00Z'), new Date('2027-01-01T00:00Z'));

describe('occurrences of a series', () => {
  it('keeps the local hour of a monthly Europe/Paris meeting across the March and October clock changes', () => {
    const occurrences = year();
    expect(occurrences.map((occurrence) => occurrence.startLocal.slice(11))).toEqual(Array(12).fill('10:00'));
    const utc = Object.fromEntries(occurrences.map((o) => [o.startLocal.slice(0, 7), o.start.toISOString()]));
    // Winter (UTC+1), summer (UTC+2) from 29 March, winter again from 25 October.
    expect(utc['2026-03']).toBe('2026-03-10T09:00:00.000Z');
    expect(utc['2026-04']).toBe('2026-04-14T08:00:00.000Z');
    expect(utc['2026-10']).toBe('2026-10-13T08:00:00.000Z');
    expect(utc['2026-11']).toBe('2026-11-10T09:00:00.000Z');
    expect(occurrences[0].end.getTime() - occurrences[0].start.getTime()).toBe(90 * 60_000);
  });

  it('shows an Indian/Mauritius invitee (no daylight saving) the hour moving with Paris', () => {
    const seen = Object.fromEntries(year().map((o) => [o.startLocal.slice(0, 7), inZone(o.start, 'Indian/Mauritius')]));
    expect(seen['2026-03']).toBe('2026-03-10T13:00+04:00');
    expect(seen['2026-04']).toBe('2026-04-14T12:00+04:00');
    expect(seen['2026-10']).toBe('2026-10-13T12:00+04:00');
    expect(seen['2026-11']).toBe('2026-11-10T13:00+04:00');
  });

  it('moves a start inside the spring-forward gap forward by the gap (02:30 → 03:30), and only that day', () => {
    const rule = {
      startLocal: '2026-03-28T02:30',
      timeZone: 'Europe/Paris',
      durationMinutes: 60,
      rrule: 'FREQ=DAILY;COUNT=3',
    };
    const occurrences = occurrencesBetween(rule, [], new Date('2026-03-01T00:00Z'), new Date('2026-04-01T00:00Z'));
    expect(occurrences.map((o) => inZone(o.start, 'Europe/Paris'))).toEqual([
      '2026-03-28T02:30+01:00',
      '2026-03-29T03:30+02:00',
      '2026-03-30T02:30+02:00',
    ]);
    // Its identity stays the local time of the rule.
    expect(occurrences[1].occurrenceId).toBe('2026-03-29T02:30');
  });

  it('applies a moved and a cancelled occurrence and keeps their identity', () => {
    const occurrences = occurrencesBetween(
      paris,
      [
        { occurrenceId: '2026-02-10T10:00', movedToLocal: '2026-02-12T15:00', cancelled: false },
        { occurrenceId: '2026-03-10T10:00', movedToLocal: null, cancelled: true },
      ],
      new Date('2026-02-01T00:00Z'),
      new Date('2026-04-01T00:00Z'),
    );
    expect(occurrences.map((o) => [o.occurrenceId, o.startLocal, o.moved, o.cancelled])).toEqual([
      ['2026-02-10T10:00', '2026-02-12T15:00', true, false],
      ['2026-03-10T10:00', '2026-03-10T10:00', false, true],
    ]);
  });

  it('knows its own occurrences and reads only acceptable rules', () => {
    expect(isOccurrenceOf(paris, '2026-02-10T10:00')).toBe(true);
    expect(isOccurrenceOf(paris, '2026-02-11T10:00')).toBe(false);
    expect(isOccurrenceOf({ startLocal: '2026-02-11T10:00', rrule: null }, '2026-02-11T10:00')).toBe(true);
    expect(rruleProblem('FREQ=WEEKLY;BYDAY=MO')).toBeNull();
    expect(rruleProblem('FREQ=MINUTELY')).not.toBeNull();
    expect(rruleProblem('RRULE:FREQ=DAILY')).not.toBeNull();
    expect(rruleProblem('FREQ=DAILY\r\nATTENDEE:x')).not.toBeNull();
    expect(rruleProblem('nonsense')).not.toBeNull();
  });
});
