/** `HD-2026-00042`: the year and the number within it, five digits at least. */
export function formatReference(year: number, number: number): string {
  return `HD-${year}-${String(number).padStart(5, '0')}`;
}

/** The calendar year of `at` in `timeZone` (the secretariat's), which numbers the references. */
export function yearIn(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(at));
}
