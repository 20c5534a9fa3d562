import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventData,
  ICalEventStatus,
} from 'ical-generator';
import { placeLocal, type OccurrenceOverride, type SeriesRule } from '../recurrence/occurrences';
import type { NoticeMethod } from './meeting-notice.entity';

export interface CalendarMeeting extends SeriesRule {
  id: string;
  title: string;
  place: string | null;
  onlineUrl: string | null;
  sequence: number;
  cancelled: boolean;
}

export interface CalendarInput {
  meeting: CalendarMeeting;
  overrides: readonly OccurrenceOverride[];
  method: NoticeMethod | 'PUBLISH';
  /** The one occurrence a CANCEL is about; null for the whole series. */
  occurrenceId: string | null;
  /** The SEQUENCE to carry (the meeting's, when the notice was made). */
  sequence: number;
  /** Where to see the meeting and answer: the platform, never a reply to the .ics. */
  link: string;
  /** The no-reply address calendar clients would otherwise answer to. */
  organizer: { name: string; email: string };
  attendee?: string;
  /** The host name that makes the UID globally unique. */
  domain: string;
}

/** The stable UID of a meeting's calendar object: the same for every notice and every occurrence. */
export const meetingUid = (meetingId: string, domain: string) => `meeting-${meetingId}@${domain}`;

/**
 * An iCalendar object (RFC 5545/5546) that calendar clients accept: a stable UID, the SEQUENCE raised on
 * every change, DTSTART with the meeting's TZID and its VTIMEZONE, the RRULE with EXDATEs for cancelled
 * occurrences and a RECURRENCE-ID instance for each moved one. The ORGANIZER is a no-reply address and the
 * attendee is asked for no reply (RSVP=FALSE): answers are given on the platform.
 */
export function buildCalendar(input: CalendarInput): string {
  const { meeting } = input;
  const zone = meeting.timeZone;
  const calendar = ical({
    prodId: { company: 'Liaison', product: 'meetings', language: 'EN' },
    method: ICalCalendarMethod[input.method],
    timezone: { name: zone, generator: getVtimezoneComponent },
  });
  const uid = meetingUid(meeting.id, input.domain);
  const at = (local: string) => placeLocal(local, zone);
  const common = (startLocal: string): ICalEventData => ({
    id: uid,
    sequence: input.sequence,
    start: at(startLocal),
    end: at(startLocal).plus({ minutes: meeting.durationMinutes }),
    timezone: zone,
    summary: meeting.title,
    location: meeting.place ?? meeting.onlineUrl ?? undefined,
    url: input.link,
    description: `See the agenda and answer on Liaison: ${input.link}`,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: input.attendee
      ? [
          {
            email: input.attendee,
            rsvp: false,
            role: ICalAttendeeRole.REQ,
            status: ICalAttendeeStatus.NEEDSACTION,
          },
        ]
      : [],
  });

  if (input.method === 'CANCEL' && input.occurrenceId) {
    const override = input.overrides.find((candidate) => candidate.occurrenceId === input.occurrenceId);
    calendar.createEvent({
      ...common(override?.movedToLocal ?? input.occurrenceId),
      recurrenceId: at(input.occurrenceId),
      status: ICalEventStatus.CANCELLED,
    });
    return calendar.toString();
  }

  const series: ICalEventData = {
    ...common(meeting.startLocal),
    status: input.method === 'CANCEL' || meeting.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  };
  if (meeting.rrule) {
    const exdates = input.overrides
      .filter((override) => override.cancelled)
      .map((override) => override.occurrenceId.replace(/[-:]/g, '') + '00');
    series.repeating =
      `RRULE:${meeting.rrule}` + (exdates.length ? `\r\nEXDATE;TZID=${zone}:${exdates.join(',')}` : '');
  }
  calendar.createEvent(series);
  if (input.method !== 'CANCEL' && meeting.rrule) {
    for (const override of input.overrides) {
      if (override.cancelled || !override.movedToLocal) continue;
      calendar.createEvent({ ...common(override.movedToLocal), recurrenceId: at(override.occurrenceId) });
    }
  }
  return calendar.toString();
}
