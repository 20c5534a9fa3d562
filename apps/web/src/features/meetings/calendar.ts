/**
 * The calendar's arithmetic, in the viewer's zone (luxon): a month as weeks of days, the instants the agenda
 * is asked for, the occurrences by day, and a meeting's time in the viewer's zone beside the meeting's own.
 * Pure: the pages and the specs use the same functions.
 */
import { DateTime } from 'luxon';
import type { Language } from '../../i18n';
import { intlLocale } from '../../format';

export interface CalendarDay {
  /** `YYYY-MM-DD` in the viewer's zone. */
  date: string;
  /** The day belongs to the month shown (the others pad the first and last weeks). */
  inMonth: boolean;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `2027-01` for a valid month, else null. */
export function parseMonth(value: string | null | undefined): string | null {
  return value && MONTH.test(value) ? value : null;
}

/** The month of an instant in a zone, `2027-01`. */
export function monthOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-LL');
}

export function shiftMonth(month: string, by: number): string {
  return DateTime.fromFormat(month, 'yyyy-LL', { zone: 'UTC' }).plus({ months: by }).toFormat('yyyy-LL');
}

/** The weeks (Monday first) that hold the month: 4 to 6 rows of 7 days. */
export function monthWeeks(month: string): CalendarDay[][] {
  const first = DateTime.fromFormat(month, 'yyyy-LL', { zone: 'UTC' });
  let day = first.minus({ days: first.weekday - 1 });
  const end = first.endOf('month');
  const weeks: CalendarDay[][] = [];
  while (day <= end) {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      week.push({ date: day.toISODate() ?? '', inMonth: day.month === first.month });
      day = day.plus({ days: 1 });
    }
    weeks.push(week);
  }
  return weeks;
}

/** The instants to ask the agenda for: from the first shown day's midnight to the day after the last, in the zone. */
export function monthWindow(month: string, zone: string): { from: string; to: string } {
  const weeks = monthWeeks(month);
  const first = weeks[0][0].date;
  const last = weeks[weeks.length - 1][6].date;
  const from = DateTime.fromISO(first, { zone }).startOf('day');
  const to = DateTime.fromISO(last, { zone }).plus({ days: 1 }).startOf('day');
  return { from: from.toUTC().toISO() ?? '', to: to.toUTC().toISO() ?? '' };
}

/** The viewer's date of an instant, `YYYY-MM-DD`. */
export function dayOf(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone }).toISODate() ?? '';
}

/** Items by the viewer's date of their start, each day's in time order. */
export function byDay<T extends { start: string }>(items: readonly T[], zone: string): Map<string, T[]> {
  const days = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => a.start.localeCompare(b.start))) {
    const day = dayOf(item.start, zone);
    const list = days.get(day);
    if (list) list.push(item);
    else days.set(day, [item]);
  }
  return days;
}

/** `January 2027` / `janvier 2027` / `يناير 2027`. */
export function monthTitle(month: string, language: Language): string {
  return DateTime.fromFormat(month, 'yyyy-LL', { zone: 'UTC' })
    .setLocale(intlLocale(language))
    .toLocaleString({ month: 'long', year: 'numeric' });
}

/** `Tuesday 12 January 2027` for a `YYYY-MM-DD`. */
export function longDay(date: string, language: Language): string {
  return DateTime.fromISO(date, { zone: 'UTC' })
    .setLocale(intlLocale(language))
    .toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** The day of the month, in the language's digits. */
export function dayNumber(date: string, language: Language): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale(intlLocale(language)).toLocaleString({ day: 'numeric' });
}

function clock(instant: DateTime, language: Language): string {
  return instant
    .setLocale(intlLocale(language))
    .toLocaleString({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

function dateAndClock(instant: DateTime, language: Language): string {
  return instant.setLocale(intlLocale(language)).toLocaleString({
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

export interface ZoneTimes {
  /** The time in the viewer's zone (date and clock, or clock alone with `clockOnly`). */
  viewer: string;
  /** The time in the meeting's zone with the zone's name, or null when the viewer is in that zone. */
  meeting: string | null;
}

/**
 * An instant as the viewer reads it, and as the meeting's zone reads it when that zone is another: the
 * meeting's own time is what the invitation says, the viewer's is when to be there.
 */
export function zoneTimes(
  instant: string,
  meetingZone: string,
  viewerZone: string,
  language: Language,
  clockOnly = false,
): ZoneTimes {
  const at = DateTime.fromISO(instant, { zone: viewerZone });
  const format = clockOnly ? clock : dateAndClock;
  const viewer = format(at, language);
  if (meetingZone === viewerZone) return { viewer, meeting: null };
  const there = at.setZone(meetingZone);
  const sameDay = there.toISODate() === at.toISODate();
  const text = clockOnly && sameDay ? clock(there, language) : dateAndClock(there, language);
  return { viewer, meeting: `${text} (${meetingZone})` };
}

/** A local start (`YYYY-MM-DDTHH:mm`) in a zone, as an instant. */
export function instantOf(startLocal: string, zone: string): string {
  return DateTime.fromISO(startLocal, { zone }).toUTC().toISO() ?? '';
}

/** An instant as a local start (`YYYY-MM-DDTHH:mm`) in a zone: the value of a datetime-local field. */
export function localIn(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** A local start in one zone read in another zone, date and clock: an authority's time for a meeting. */
export function localTimeIn(startLocal: string, meetingZone: string, zone: string, language: Language): string {
  const at = DateTime.fromISO(startLocal, { zone: meetingZone });
  if (!at.isValid) return '';
  return dateAndClock(at.setZone(zone), language);
}
