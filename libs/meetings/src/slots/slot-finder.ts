import { DateTime } from 'luxon';
import type { OfficeHours, Weekday } from '@liaison/directory';

export interface InvitedAuthority {
  id: string;
  name: string;
  timeZone: string;
  officeHours: OfficeHours;
}

export interface ProposedSlot {
  /** UTC instants */
  start: string;
  end: string;
  /** Every invited authority is inside its office hours for the whole slot. */
  allInside: boolean;
  /** The authorities that would be outside office hours (empty when allInside). */
  outside: { id: string; name: string }[];
  /** The slot's start in each authority's zone, e.g. `2026-03-03T13:00+04:00`. */
  local: { id: string; start: string }[];
}

export interface SlotSearch {
  authorities: readonly InvitedAuthority[];
  durationMinutes: number;
  from: Date;
  days: number;
  /** How many slots to propose. */
  limit: number;
}

const STEP_MINUTES = 30;
const WEEKDAY: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const minutesOf = (hhmm: string) => {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
};

/**
 * Whether [start, end) lies inside one opening of the authority, on the authority's own date: the slot is
 * read as wall-clock minutes in its zone, so daylight saving there is followed. A slot across midnight
 * there is never inside (openings end the day they start).
 */
export function insideOfficeHours(authority: InvitedAuthority, start: Date, end: Date): boolean {
  const localStart = DateTime.fromJSDate(start, { zone: authority.timeZone });
  const localEnd = DateTime.fromJSDate(end, { zone: authority.timeZone });
  if (!localStart.hasSame(localEnd, 'day') && !(localEnd.hour === 0 && localEnd.minute === 0)) return false;
  const day = WEEKDAY[localStart.weekday - 1];
  const from = localStart.hour * 60 + localStart.minute;
  const to = from + Math.round((end.getTime() - start.getTime()) / 60_000);
  return (authority.officeHours[day] ?? []).some(
    (opening) => minutesOf(opening.start) <= from && to <= minutesOf(opening.end),
  );
}

/**
 * Proposes meeting times over the coming days, best first: slots inside every invited authority's office
 * hours, earliest first. With none, it says so by proposing the slots that cover the most authorities,
 * each naming who would be outside office hours. Candidates start on the half hour.
 */
export function findSlots(search: SlotSearch): ProposedSlot[] {
  const durationMs = search.durationMinutes * 60_000;
  const stepMs = STEP_MINUTES * 60_000;
  const first = Math.ceil(search.from.getTime() / stepMs) * stepMs;
  const last = search.from.getTime() + search.days * 86_400_000;
  let best: { start: number; inside: boolean[] }[] = [];
  let bestCount = 0;
  for (let start = first; start + durationMs <= last; start += stepMs) {
    const inside = search.authorities.map((authority) =>
      insideOfficeHours(authority, new Date(start), new Date(start + durationMs)),
    );
    const count = inside.filter(Boolean).length;
    if (count === 0 && search.authorities.length > 0) continue;
    if (count > bestCount) {
      bestCount = count;
      best = [];
    }
    if (count === bestCount && best.length < search.limit) best.push({ start, inside });
    // Every authority inside: the earliest such slots are the best there can be.
    if (bestCount === search.authorities.length && best.length >= search.limit) break;
  }
  return best.map(({ start, inside }) => ({
    start: new Date(start).toISOString(),
    end: new Date(start + durationMs).toISOString(),
    allInside: inside.every(Boolean),
    outside: search.authorities.filter((_, index) => !inside[index]).map(({ id, name }) => ({ id, name })),
    local: search.authorities.map((authority) => ({
      id: authority.id,
      start: DateTime.fromMillis(start, { zone: authority.timeZone }).toFormat("yyyy-LL-dd'T'HH:mmZZ"),
    })),
  }));
}
