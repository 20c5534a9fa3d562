import {
  addWorkingTime,
  calendarProblems,
  DEFAULT_CALENDAR,
  startOfDate,
  workingTimeBetween,
  WorkingCalendar,
} from './working-time';

const HOUR = 3600_000;
const vienna: WorkingCalendar = { ...DEFAULT_CALENDAR, timeZone: 'Europe/Vienna' };
const at = (iso: string) => new Date(iso);

describe('working time', () => {
  it('adds hours within the same working day', () => {
    // Monday 7 Dec 2026, 10:00 in Vienna (UTC+1).
    expect(addWorkingTime(vienna, at('2026-12-07T09:00:00Z'), 4 * HOUR).toISOString()).toBe('2026-12-07T13:00:00.000Z');
  });

  it('carries over the night and starts counting at opening when filed outside hours', () => {
    // Monday 20:00 Vienna: nothing counts until Tuesday 09:00; 4 hours later is 13:00.
    expect(addWorkingTime(vienna, at('2026-12-07T19:00:00Z'), 4 * HOUR).toISOString()).toBe('2026-12-08T12:00:00.000Z');
    // Monday 15:00 + 4h: 2h on Monday, 2h on Tuesday → Tuesday 11:00.
    expect(addWorkingTime(vienna, at('2026-12-07T14:00:00Z'), 4 * HOUR).toISOString()).toBe('2026-12-08T10:00:00.000Z');
  });

  it('skips the weekend', () => {
    // Friday 11 Dec, 15:00 Vienna + 4h → Monday 14 Dec, 11:00.
    expect(addWorkingTime(vienna, at('2026-12-11T14:00:00Z'), 4 * HOUR).toISOString()).toBe('2026-12-14T10:00:00.000Z');
  });

  it('skips a holiday', () => {
    const withHoliday = { ...vienna, holidays: [{ date: '2026-12-08', name: 'Immaculate Conception' }] };
    expect(addWorkingTime(withHoliday, at('2026-12-07T14:00:00Z'), 4 * HOUR).toISOString()).toBe(
      '2026-12-09T10:00:00.000Z',
    );
    expect(workingTimeBetween(withHoliday, at('2026-12-07T08:00:00Z'), at('2026-12-09T16:00:00Z'))).toBe(16 * HOUR);
  });

  it('counts wall-clock hours across a daylight-saving change', () => {
    // Friday 27 March 2026 16:00 CET (15:00Z); DST starts Sunday 29 March. Monday 09:00 CEST = 07:00Z.
    expect(addWorkingTime(vienna, at('2026-03-27T15:00:00Z'), 2 * HOUR).toISOString()).toBe('2026-03-30T08:00:00.000Z');
    // Back to CET on 25 October: Monday 26 Oct 09:00 = 08:00Z.
    expect(addWorkingTime(vienna, at('2026-10-23T14:00:00Z'), 2 * HOUR).toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });

  it('gives a span its real length when the change happens inside working hours', () => {
    const night: WorkingCalendar = {
      timeZone: 'Europe/Vienna',
      hours: { ...DEFAULT_CALENDAR.hours, sun: [{ start: '00:00', end: '06:00' }] },
      holidays: [],
    };
    // Sunday 29 March 2026: 02:00 → 03:00 is skipped, so 00:00–06:00 lasts five hours.
    expect(workingTimeBetween(night, at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z'))).toBe(5 * HOUR);
    // Sunday 25 October: 03:00 → 02:00 happens twice, seven hours.
    expect(workingTimeBetween(night, at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'))).toBe(7 * HOUR);
  });

  it('measures between two instants and inverts adding', () => {
    const from = at('2026-12-07T14:30:00Z');
    for (const hours of [0.5, 3, 8, 40, 160]) {
      const to = addWorkingTime(vienna, from, hours * HOUR);
      expect(workingTimeBetween(vienna, from, to)).toBe(hours * HOUR);
      expect(addWorkingTime(vienna, to, -hours * HOUR).getTime()).toBeLessThanOrEqual(from.getTime());
      expect(workingTimeBetween(vienna, addWorkingTime(vienna, to, -hours * HOUR), to)).toBe(hours * HOUR);
    }
    expect(workingTimeBetween(vienna, at('2026-12-12T10:00:00Z'), at('2026-12-13T10:00:00Z'))).toBe(0);
    expect(workingTimeBetween(vienna, at('2026-12-09T10:00:00Z'), at('2026-12-08T10:00:00Z'))).toBe(0);
  });

  it('subtracts working time backwards over a weekend', () => {
    // Monday 14 Dec 10:00 Vienna minus 2h → Friday 11 Dec 16:00 Vienna.
    expect(addWorkingTime(vienna, at('2026-12-14T09:00:00Z'), -2 * HOUR).toISOString()).toBe(
      '2026-12-11T15:00:00.000Z',
    );
  });

  it('counts several intervals a day, in another zone', () => {
    const port: WorkingCalendar = {
      timeZone: 'Indian/Mauritius',
      hours: {
        ...DEFAULT_CALENDAR.hours,
        mon: [
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '16:00' },
        ],
      },
      holidays: [],
    };
    // Monday 7 Dec, 11:00 Port Louis (UTC+4) + 2h → 14:00 there (the lunch hour does not count).
    expect(addWorkingTime(port, at('2026-12-07T07:00:00Z'), 2 * HOUR).toISOString()).toBe('2026-12-07T10:00:00.000Z');
  });

  it('places a date at its first instant in the zone', () => {
    expect(startOfDate(vienna, '2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });

  it('names what is wrong with a calendar', () => {
    expect(calendarProblems(vienna)).toEqual([]);
    const fields = calendarProblems({
      timeZone: 'Mars/Olympus',
      hours: {
        ...DEFAULT_CALENDAR.hours,
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
        tue: [{ start: '10:00', end: '09:00' }],
      },
      holidays: [
        { date: '2026-12-25', name: 'a' },
        { date: '2026-12-25', name: 'b' },
        { date: '2026-02-30', name: 'c' },
      ],
    }).map((problem) => problem.field);
    expect(fields).toEqual(
      expect.arrayContaining(['timeZone', 'hours.mon', 'hours.tue.0.end', 'holidays.1.date', 'holidays.2.date']),
    );
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    expect(calendarProblems({ ...vienna, hours: closed }).map((problem) => problem.field)).toEqual(['hours']);
  });
});
