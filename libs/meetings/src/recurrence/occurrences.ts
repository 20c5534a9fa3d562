import ICAL from 'ical.js';
import { DateTime } from 'luxon';

/** A local date-time without zone, to the minute: `2026-03-03T09:30`. */
export const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** The series as stored: a local start in the meeting's zone, a duration and an optional RRULE. */
export interface SeriesRule {
  startLocal: string;
  timeZone: string;
  durationMinutes: number;
  rrule: string | null;
}

/** One occurrence changed on its own: moved to another local start, or cancelled. */
export interface OccurrenceOverride {
  /** The occurrence's original local start: its identity (the RECURRENCE-ID). */
  occurrenceId: string;
  movedToLocal: string | null;
  cancelled: boolean;
}

export interface Occurrence {
  /** The original local start in the meeting's zone; stays the same when the occurrence moves. */
  occurrenceId: string;
  /** The effective local start in the meeting's zone. */
  startLocal: string;
  start: Date;
  end: Date;
  cancelled: boolean;
  moved: boolean;
}

/** The most occurrences one expansion walks: a daily series over years stays bounded. */
const MAX_STEPS = 5000;

/**
 * The instant of a local date-time in a zone. A local time that does not exist (the spring-forward gap)
 * moves forward by the gap, 02:30 → 03:30, as RFC 5545 says and luxon does; an ambiguous one (the autumn
 * repeat) is its first instance.
 */
export function placeLocal(local: string, zone: string): DateTime {
  const placed = DateTime.fromISO(local, { zone });
  if (!placed.isValid) throw new Error(`invalid local date-time ${local} in ${zone}`);
  return placed;
}

/** `2026-03-03T09:30` → `20260303T0930`: the part of a job id that names an occurrence. */
export function compactLocal(local: string): string {
  return local.replace(/[-:]/g, '');
}

export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** The RRULE's own problem, or null if ical.js reads it (an RRULE without DTSTART, e.g. `FREQ=MONTHLY;BYDAY=1TU`). */
export function rruleProblem(rrule: string): string | null {
  if (/DTSTART|[\r\n]/i.test(rrule) || rrule.startsWith('RRULE:'))
    return 'give the rule only, e.g. FREQ=MONTHLY;BYDAY=1TU';
  try {
    const recur = ICAL.Recur.fromString(rrule);
    if (!recur.freq) return 'has no FREQ';
    if (recur.freq === 'SECONDLY' || recur.freq === 'MINUTELY' || recur.freq === 'HOURLY')
      return 'meetings repeat daily at most';
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The local starts of a series, in order: the RRULE expanded on floating (zone-less) date-times, so the
 * local hour holds whatever the zone's offset does; each is placed in the zone afterwards. Stops after
 * `untilLocal` (exclusive) or `limit` occurrences.
 */
export function localStarts(
  rule: Pick<SeriesRule, 'startLocal' | 'rrule'>,
  untilLocal: string,
  limit = MAX_STEPS,
): string[] {
  if (!rule.rrule) return rule.startLocal < untilLocal ? [rule.startLocal] : [];
  const start = ICAL.Time.fromDateTimeString(`${rule.startLocal}:00`);
  const iterator = ICAL.Recur.fromString(rule.rrule).iterator(start);
  const starts: string[] = [];
  for (let step = 0; step < MAX_STEPS && starts.length < limit; step++) {
    const next = iterator.next();
    if (!next) break;
    const local = next.toString().slice(0, 16);
    if (local >= untilLocal) break;
    starts.push(local);
  }
  return starts;
}

/**
 * The occurrences that start within [from, to), overrides applied: a moved occurrence is where it moved to,
 * a cancelled one is kept with `cancelled` (callers decide whether to show it). Sorted by start.
 */
export function occurrencesBetween(
  rule: SeriesRule,
  overrides: readonly OccurrenceOverride[],
  from: Date,
  to: Date,
): Occurrence[] {
  const byId = new Map(overrides.map((override) => [override.occurrenceId, override]));
  // A moved occurrence may land in the window from outside it: widen the walk by the furthest move.
  let slack = 0;
  for (const override of overrides) {
    if (!override.movedToLocal) continue;
    const shift = Math.abs(
      placeLocal(override.movedToLocal, rule.timeZone).toMillis() -
        placeLocal(override.occurrenceId, rule.timeZone).toMillis(),
    );
    slack = Math.max(slack, shift);
  }
  // Local wall times differ from instants by at most a day (UTC-12 … UTC+14).
  const untilLocal = DateTime.fromMillis(to.getTime() + slack + 86_400_000, { zone: 'UTC' }).toFormat(
    "yyyy-LL-dd'T'HH:mm",
  );
  const occurrences: Occurrence[] = [];
  for (const occurrenceId of localStarts(rule, untilLocal)) {
    const override = byId.get(occurrenceId);
    const startLocal = override?.movedToLocal ?? occurrenceId;
    const start = placeLocal(startLocal, rule.timeZone);
    const startMs = start.toMillis();
    if (startMs < from.getTime() || startMs >= to.getTime()) continue;
    occurrences.push({
      occurrenceId,
      startLocal,
      start: start.toJSDate(),
      end: start.plus({ minutes: rule.durationMinutes }).toJSDate(),
      cancelled: override?.cancelled ?? false,
      moved: Boolean(override?.movedToLocal),
    });
  }
  return occurrences.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Whether `occurrenceId` is one of the series' own starts (so it may be moved, cancelled or answered). */
export function isOccurrenceOf(rule: Pick<SeriesRule, 'startLocal' | 'rrule'>, occurrenceId: string): boolean {
  if (!LOCAL_DATE_TIME.test(occurrenceId)) return false;
  const until = DateTime.fromISO(occurrenceId, { zone: 'UTC' }).plus({ minutes: 1 }).toFormat("yyyy-LL-dd'T'HH:mm");
  return localStarts(rule, until).includes(occurrenceId);
}

/** A time as someone in `zone` reads it, with the zone's offset then: `2026-03-03T12:30+04:00`. */
export function inZone(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-LL-dd'T'HH:mmZZ");
}
