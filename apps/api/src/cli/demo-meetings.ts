/**
 * Demo meetings (invented; marked demo): a past meeting of the IOC platform with its minutes, and the Sahel
 * platform's monthly meeting, so a new user sees both. Organizers are demo users' e-mail addresses.
 */
export interface DemoMeeting {
  network: string;
  organizer: string;
  title: string;
  agenda: string;
  startLocal: string;
  timeZone: string;
  durationMinutes: number;
  rrule: string | null;
  mode: 'online' | 'in_person';
  onlineUrl: string | null;
  place: string | null;
  minutes: string | null;
  /** The subject of the demo forum thread that discusses the minutes. */
  minutesThread: string | null;
}

export const DEMO_MINUTES_THREAD = 'Minutes: IOC focal points meeting, November 2026 (demo)';

export const DEMO_MEETINGS: DemoMeeting[] = [
  {
    network: 'ioc-judicial-platform',
    organizer: 'coordinator.ioc@demo.liaison.example',
    title: 'IOC focal points meeting, November 2026 (demo)',
    agenda:
      '1. Pending extradition and MLA requests between members\n2. Documents checklist for the region\n3. Next meeting',
    startLocal: '2026-11-17T10:00',
    timeZone: 'Indian/Mauritius',
    durationMinutes: 120,
    rrule: null,
    mode: 'in_person',
    onlineUrl: null,
    place: 'Port Louis, Mauritius (demo venue)',
    minutes:
      '## Minutes (demo)\n\n- Five members attended; Réunion joined by video.\n- **Pending requests**: three MLA requests await translations; members will send them within two weeks.\n- **Checklist**: the coordinator circulates a draft in the forum.\n- **Next meeting**: to be scheduled with the slot finder.',
    minutesThread: DEMO_MINUTES_THREAD,
  },
  {
    network: 'sahel-judicial-platform',
    organizer: 'coordinator.sahel@demo.liaison.example',
    title: 'Sahel platform monthly meeting (demo)',
    agenda: '1. Round of pending requests\n2. Urgent cases\n3. Any other business',
    startLocal: '2026-12-01T10:00',
    timeZone: 'Africa/Bamako',
    durationMinutes: 90,
    rrule: 'FREQ=MONTHLY;BYDAY=1TU',
    mode: 'online',
    onlineUrl: 'https://meet.example.org/sahel-demo',
    place: null,
    minutes: null,
    minutesThread: null,
  },
];
