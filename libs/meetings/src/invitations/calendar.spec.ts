import ICAL from 'ical.js';
import { buildCalendar, CalendarInput } from './calendar';

const input = (changes: Partial<CalendarInput> = {}): CalendarInput => ({
  meeting: {
    id: '4f1c2a8e-3b7d-4c55-9a0e-6d2f1b8c7e90',
    title: 'Sahel platform monthly meeting',
    startLocal: '2026-03-03T10:00',
    timeZone: 'Europe/Paris',
    durationMinutes: 60,
    rrule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=6',
    place: null,
    onlineUrl: 'https://meet.example.org/sahel',
    sequence: 2,
    cancelled: false,
  },
  overrides: [
    { occurrenceId: '2026-04-07T10:00', movedToLocal: '2026-04-08T11:00', cancelled: false },
    { occurrenceId: '2026-05-05T10:00', movedToLocal: null, cancelled: true },
  ],
  method: 'REQUEST',
  occurrenceId: null,
  sequence: 2,
  link: 'https://liaison.example/meetings/4f1c2a8e-3b7d-4c55-9a0e-6d2f1b8c7e90',
  organizer: { name: 'Liaison', email: 'no-reply@liaison.example' },
  attendee: 'focal.point@example.org',
  domain: 'liaison.example',
  ...changes,
});

const parse = (text: string) => new ICAL.Component(ICAL.parse(text));

describe('the meeting calendar object', () => {
  it('is a REQUEST with a stable UID, SEQUENCE, TZID and its VTIMEZONE, a moved instance and an EXDATE', () => {
    const calendar = parse(buildCalendar(input()));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const zones = calendar.getAllSubcomponents('vtimezone');
    expect(zones.map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(['Europe/Paris']);
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event.getFirstPropertyValue('uid')).toBe('meeting-4f1c2a8e-3b7d-4c55-9a0e-6d2f1b8c7e90@liaison.example');
      expect(event.getFirstPropertyValue('sequence')).toBe(2);
      expect(event.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Paris');
      const organizer = event.getFirstProperty('organizer');
      expect(String(organizer?.getFirstValue())).toBe('mailto:no-reply@liaison.example');
      const attendee = event.getFirstProperty('attendee');
      expect(attendee?.getParameter('rsvp')).toBe('FALSE');
    }
    const [series, moved] = events;
    expect(series.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=MONTHLY;COUNT=6;BYDAY=1TU');
    expect(String(series.getFirstPropertyValue('exdate'))).toBe('2026-05-05T10:00:00');
    expect(String(moved.getFirstPropertyValue('recurrence-id'))).toBe('2026-04-07T10:00:00');
    expect(String(moved.getFirstPropertyValue('dtstart'))).toBe('2026-04-08T11:00:00');

    // Expanded by ical.js with the VTIMEZONE it carries, the summer occurrences are at 10:00 Paris = 08:00 UTC.
    const zone = new ICAL.Timezone(zones[0]);
    ICAL.TimezoneService.register(zone, 'Europe/Paris');
    const event = new ICAL.Event(series, { exceptions: [moved] });
    const iterator = event.iterator();
    const starts: string[] = [];
    for (let next = iterator.next(); next; next = iterator.next())
      starts.push(event.getOccurrenceDetails(next).startDate.toJSDate().toISOString());
    expect(starts).toEqual([
      '2026-03-03T09:00:00.000Z',
      '2026-04-08T09:00:00.000Z',
      '2026-06-02T08:00:00.000Z',
      '2026-07-07T08:00:00.000Z',
      '2026-08-04T08:00:00.000Z',
    ]);
    ICAL.TimezoneService.remove('Europe/Paris');
  });

  it('cancels one occurrence with its RECURRENCE-ID, or the whole series', () => {
    const one = parse(buildCalendar(input({ method: 'CANCEL', occurrenceId: '2026-06-02T10:00', sequence: 3 })));
    expect(one.getFirstPropertyValue('method')).toBe('CANCEL');
    const [event] = one.getAllSubcomponents('vevent');
    expect(String(event.getFirstPropertyValue('recurrence-id'))).toBe('2026-06-02T10:00:00');
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('sequence')).toBe(3);

    const all = parse(buildCalendar(input({ method: 'CANCEL', sequence: 4 })));
    const events = all.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    expect(events[0].getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events[0].getFirstProperty('recurrence-id')).toBeNull();
  });
});
