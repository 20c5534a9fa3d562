/** What an authority handles (DOMAIN.md: the directory's categories). */
export const CATEGORIES = [
  'extradition',
  'mla',
  'sentenced_persons',
  'sea_traffic',
  'sea_migrants',
  'firearms',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Channels of communication an authority accepts. */
export const CHANNELS = ['diplomatic', 'direct', 'interpol', 'email', 'platform'] as const;
export type Channel = (typeof CHANNELS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval in the authority's own zone, `HH:MM` to `HH:MM` (end after start, same day). */
export interface OpeningInterval {
  start: string;
  end: string;
}

export type OfficeHours = Record<Weekday, OpeningInterval[]>;

export const CLOSED_WEEK: OfficeHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
