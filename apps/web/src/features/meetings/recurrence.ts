/** The recurrence presets the scheduling form offers, as the RRULE the API takes, and read back for display. */
export const REPEATS = ['none', 'weekly', 'biweekly', 'monthly'] as const;
export type Repeat = (typeof REPEATS)[number];

export interface Recurrence {
  repeat: Repeat;
  /** How the series ends: after a number of meetings, or on a date (`YYYY-MM-DD`, inclusive). */
  end: 'count' | 'until';
  count: number;
  until: string;
}

const RULES: Record<Exclude<Repeat, 'none'>, string> = {
  weekly: 'FREQ=WEEKLY',
  biweekly: 'FREQ=WEEKLY;INTERVAL=2',
  monthly: 'FREQ=MONTHLY',
};

/** The RRULE of a preset, or null for a single meeting. UNTIL is floating (local), as the API expands it. */
export function ruleOf(recurrence: Recurrence): string | null {
  if (recurrence.repeat === 'none') return null;
  const base = RULES[recurrence.repeat];
  if (recurrence.end === 'until' && /^\d{4}-\d{2}-\d{2}$/.test(recurrence.until))
    return `${base};UNTIL=${recurrence.until.replace(/-/g, '')}T235959`;
  return `${base};COUNT=${Math.max(1, Math.floor(recurrence.count) || 1)}`;
}

export interface RuleSummary {
  repeat: Repeat | 'custom';
  count: number | null;
  /** `YYYY-MM-DD` */
  until: string | null;
}

/** What a stored RRULE says, in the presets' terms (`custom` for any other rule). */
export function readRule(rrule: string | null): RuleSummary {
  if (!rrule) return { repeat: 'none', count: null, until: null };
  const parts = new Map(
    rrule.split(';').map((part) => {
      const [key, value = ''] = part.split('=');
      return [key.toUpperCase(), value.toUpperCase()] as const;
    }),
  );
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : null;
  const untilRaw = parts.get('UNTIL');
  const until = untilRaw ? `${untilRaw.slice(0, 4)}-${untilRaw.slice(4, 6)}-${untilRaw.slice(6, 8)}` : null;
  const known = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL']);
  const plain = [...parts.keys()].every((key) => known.has(key));
  const interval = parts.get('INTERVAL') ?? '1';
  let repeat: RuleSummary['repeat'] = 'custom';
  if (plain && parts.get('FREQ') === 'WEEKLY' && interval === '1') repeat = 'weekly';
  else if (plain && parts.get('FREQ') === 'WEEKLY' && interval === '2') repeat = 'biweekly';
  else if (plain && parts.get('FREQ') === 'MONTHLY' && interval === '1') repeat = 'monthly';
  return { repeat, count, until };
}
