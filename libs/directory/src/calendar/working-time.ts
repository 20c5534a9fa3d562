import { DateTime, IANAZone } from 'luxon';
import { OfficeHours, WEEKDAYS } from '@liaison/contracts';

export interface Holiday {
  /** A whole day off in the calendar's zone, `YYYY-MM-DD`. */
  date: string;
  name: string;
}

/** When the secretariat works: its IANA zone, its weekly hours there, and its holidays. */
export interface WorkingCalendar {
  timeZone: string;
  hours: OfficeHours;
  holidays: Holiday[];
}

/** A calendar for when nobody has edited one: Vienna, Monday to Friday, 09:00–17:00. */
export const DEFAULT_CALENDAR: WorkingCalendar = {
  timeZone: 'Europe/Vienna',
  hours: {
    mon: [{ start: '09:00', end: '17:00' }],
    tue: [{ start: '09:00', end: '17:00' }],
    wed: [{ start: '09:00', end: '17:00' }],
    thu: [{ start: '09:00', end: '17:00' }],
    fri: [{ start: '09:00', end: '17:00' }],
    sat: [],
    sun: [],
  },
  holidays: [],
};

/** Beyond this many days without a working minute the calendar is unusable (validation prevents it). */
const MAX_DAYS = 3700;

const minutesOf = (time: string): number => {
  const [hour, minute] = time.split(':').map(Number);
  return hour * 60 + minute;
};

/**
 * The working spans of one local date, as instants [start, end) in ms. Each bound is placed on its own
 * wall-clock time in the zone, so a daylight-saving change inside a span gives it its real length.
 */
function spansOf(calendar: WorkingCalendar, day: DateTime, holidays: ReadonlySet<string>): [number, number][] {
  if (holidays.has(day.toISODate() ?? '')) return [];
  return (calendar.hours[WEEKDAYS[day.weekday - 1]] ?? [])
    .map((interval): [number, number] => {
      const start = minutesOf(interval.start);
      const end = minutesOf(interval.end);
      return [
        day.set({ hour: Math.floor(start / 60), minute: start % 60 }).toMillis(),
        day.set({ hour: Math.floor(end / 60), minute: end % 60 }).toMillis(),
      ];
    })
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
}

/** Working spans from `from` onwards (forward) or before it (backward, latest first), clipped to it. */
function* spans(calendar: WorkingCalendar, from: number, direction: 1 | -1): Generator<[number, number]> {
  const holidays = new Set(calendar.holidays.map((holiday) => holiday.date));
  let day = DateTime.fromMillis(from, { zone: calendar.timeZone }).startOf('day');
  for (let count = 0; count < MAX_DAYS; count++, day = day.plus({ days: direction })) {
    const today = spansOf(calendar, day, holidays);
    if (direction === -1) today.reverse();
    for (const [start, end] of today) {
      if (direction === 1 && end > from) yield [Math.max(start, from), end];
      if (direction === -1 && start < from) yield [start, Math.min(end, from)];
    }
  }
  throw new Error('the working calendar has no working time within ten years');
}

/**
 * The instant `ms` of working time after `from` (before it when negative). Adding 0 gives `from`
 * itself, even outside working hours: nothing is left to count.
 */
export function addWorkingTime(calendar: WorkingCalendar, from: Date, ms: number): Date {
  if (ms === 0) return new Date(from.getTime());
  let left = Math.abs(ms);
  const direction = ms > 0 ? 1 : -1;
  for (const [start, end] of spans(calendar, from.getTime(), direction)) {
    const length = end - start;
    if (left <= length) return new Date(direction === 1 ? start + left : end - left);
    left -= length;
  }
  /* istanbul ignore next -- spans() throws before running out */
  throw new Error('unreachable');
}

/** Working time (ms) between two instants; 0 when `to` is not after `from`. */
export function workingTimeBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  const end = to.getTime();
  if (end <= from.getTime()) return 0;
  let total = 0;
  for (const [spanStart, spanEnd] of spans(calendar, from.getTime(), 1)) {
    if (spanStart >= end) break;
    total += Math.min(spanEnd, end) - spanStart;
  }
  return total;
}

/** The first instant of a date (`YYYY-MM-DD`) in the calendar's zone. */
export function startOfDate(calendar: WorkingCalendar, date: string): Date {
  return DateTime.fromISO(date, { zone: calendar.timeZone }).startOf('day').toJSDate();
}

/** What is wrong with a calendar, field by field (empty: it is usable). */
export function calendarProblems(calendar: WorkingCalendar): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!IANAZone.isValidZone(calendar.timeZone))
    problems.push({ field: 'timeZone', message: 'must be an IANA time zone, e.g. Europe/Vienna' });
  let working = 0;
  for (const day of WEEKDAYS) {
    const intervals = [...(calendar.hours[day] ?? [])].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    intervals.forEach((interval, index) => {
      if (minutesOf(interval.end) <= minutesOf(interval.start))
        problems.push({ field: `hours.${day}.${index}.end`, message: 'must be after the start' });
      else working += minutesOf(interval.end) - minutesOf(interval.start);
      const next = intervals[index + 1];
      if (next && minutesOf(next.start) < minutesOf(interval.end))
        problems.push({ field: `hours.${day}`, message: 'intervals must not overlap' });
    });
  }
  if (working === 0) problems.push({ field: 'hours', message: 'give at least one working interval in the week' });
  const seen = new Set<string>();
  calendar.holidays.forEach((holiday, index) => {
    if (!DateTime.fromISO(holiday.date).isValid)
      problems.push({ field: `holidays.${index}.date`, message: 'must be a date, YYYY-MM-DD' });
    if (seen.has(holiday.date)) problems.push({ field: `holidays.${index}.date`, message: 'is given twice' });
    seen.add(holiday.date);
  });
  return problems;
}
