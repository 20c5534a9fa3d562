/** A record is to be re-verified this many months after it last was. */
export const VERIFY_EVERY_MONTHS = 6;

/** `YYYY-MM-DD` plus whole months, the day clamped to the month's end (31 August + 6 months = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index % 12;
  const last = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth + 1).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** The UTC date of an instant, `YYYY-MM-DD`. */
export function dateOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Not verified for 6 months (or never): flagged in the directory. */
export function verificationDue(lastVerified: string | null, today: string): boolean {
  return lastVerified === null || addMonths(lastVerified, VERIFY_EVERY_MONTHS) <= today;
}

/**
 * The cycle a reminder belongs to: the latest date `base + 6n months` (n ≥ 1) on or before today, or null
 * when the record is not due. `base` is the date last verified, or the day the record was created.
 */
export function dueCycle(base: string, today: string): string | null {
  let cycle: string | null = null;
  for (let n = 1; n < 400; n += 1) {
    const due = addMonths(base, n * VERIFY_EVERY_MONTHS);
    if (due > today) break;
    cycle = due;
  }
  return cycle;
}
