import { DateTime } from 'luxon';
import { OfficeHours, Weekday, WEEKDAYS } from '@liaison/contracts';

export interface ScheduledOpening {
  /** UTC instants */
  start: string;
  end: string;
  authorityDay: Weekday;
  authorityStart: string;
  authorityEnd: string;
  viewerDay: Weekday;
  viewerStart: string;
  viewerEnd: string;
}

export interface Schedule {
  authorityTimeZone: string;
  viewerTimeZone: string;
  openNow: boolean;
  week: ScheduledOpening[];
}

const dayOf = (moment: DateTime): Weekday => WEEKDAYS[moment.weekday - 1];

/**
 * The authority's opening hours for the seven days starting today (in its own zone), as instants and as
 * wall-clock times in the viewer's zone. Computed per date, so a daylight-saving change in either zone
 * shifts exactly the openings after it.
 */
export function scheduleFor(hours: OfficeHours, authorityZone: string, viewerZone: string, now: Date): Schedule {
  const today = DateTime.fromJSDate(now, { zone: authorityZone }).startOf('day');
  const week: ScheduledOpening[] = [];
  for (let offset = 0; offset < 7; offset++) {
    const date = today.plus({ days: offset });
    const day = dayOf(date);
    for (const interval of hours[day] ?? []) {
      const [startHour, startMinute] = interval.start.split(':').map(Number);
      const [endHour, endMinute] = interval.end.split(':').map(Number);
      const start = date.set({ hour: startHour, minute: startMinute });
      const end = date.set({ hour: endHour, minute: endMinute });
      const viewerStart = start.setZone(viewerZone);
      const viewerEnd = end.setZone(viewerZone);
      week.push({
        start: start.toUTC().toISO() ?? '',
        end: end.toUTC().toISO() ?? '',
        authorityDay: day,
        authorityStart: interval.start,
        authorityEnd: interval.end,
        viewerDay: dayOf(viewerStart),
        viewerStart: viewerStart.toFormat('HH:mm'),
        viewerEnd: viewerEnd.toFormat('HH:mm'),
      });
    }
  }
  const instant = now.getTime();
  const openNow = week.some((opening) => Date.parse(opening.start) <= instant && instant < Date.parse(opening.end));
  return { authorityTimeZone: authorityZone, viewerTimeZone: viewerZone, openNow, week };
}
