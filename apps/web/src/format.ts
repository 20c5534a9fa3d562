/**
 * Dates, times, languages and zones for display, all through Intl in the current language. Times use a
 * 24-hour clock everywhere: the platform's users are in Africa, the Indian Ocean and Europe.
 */
import type { Language } from './i18n';
import { WEEKDAYS, type Weekday } from '@liaison/contracts';

/** The Intl locale for a language: British English writes dates day-first, as the rest of the network does. */
export function intlLocale(language: Language): string {
  return language === 'en' ? 'en-GB' : language;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isTimeZone(zone: string | null | undefined): zone is string {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone the browser knows, with UTC (which `supportedValuesOf` leaves out) and `keep` included. */
export function timeZones(keep?: string): string[] {
  const zones = new Set<string>(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add('UTC');
  if (keep && isTimeZone(keep)) zones.add(keep);
  return [...zones].sort((a, b) => a.localeCompare(b));
}

function toDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(value: string | Date, language: Language, timeZone?: string): string {
  const date = toDate(value);
  if (!date) return String(value);
  return new Intl.DateTimeFormat(intlLocale(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone: isTimeZone(timeZone) ? timeZone : undefined,
  }).format(date);
}

/** Up to which number of seconds, minutes, hours and days an instant is told relative to now. */
const RELATIVE_STEPS: readonly [Intl.RelativeTimeFormatUnit, number, number][] = [
  ['second', 1, 45],
  ['minute', 60, 45 * 60],
  ['hour', 3600, 22 * 3600],
  ['day', 86_400, 7 * 86_400],
];

/**
 * A past instant relative to `now`: `now`, `5 minutes ago`, `yesterday`; a week or more ago, the date and
 * time. An instant a little ahead of this device's clock (the server's is another) is `now`.
 */
export function formatRelative(value: string | Date, language: Language, now: Date, timeZone?: string): string {
  const date = toDate(value);
  if (!date) return String(value);
  const seconds = Math.min(0, (date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'auto' });
  for (const [unit, size, limit] of RELATIVE_STEPS) {
    if (-seconds < limit) return format.format(unit === 'second' ? 0 : Math.round(seconds / size), unit);
  }
  return formatDateTime(date, language, timeZone);
}

/** A calendar date (`YYYY-MM-DD`), which has no zone. */
export function formatCalendarDate(value: string, language: Language): string {
  const date = toDate(`${value}T00:00:00Z`);
  if (!date) return value;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** The wall-clock time of an instant in a zone, `12:00`. */
export function formatTime(value: string | Date, language: Language, timeZone: string): string {
  const date = toDate(value);
  if (!date) return String(value);
  return new Intl.DateTimeFormat(intlLocale(language), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(date);
}

/** The day of an instant in a zone, `Mon 30 Nov`. */
export function formatDay(value: string | Date, language: Language, timeZone: string): string {
  const date = toDate(value);
  if (!date) return String(value);
  return new Intl.DateTimeFormat(intlLocale(language), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone,
  }).format(date);
}

export { WEEKDAYS, type Weekday };

/** `mon` → `Monday` / `lundi` / `الاثنين`. */
export function weekdayName(day: Weekday, language: Language, style: 'long' | 'short' = 'long'): string {
  // 1 January 2024 was a Monday.
  const date = new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day)));
  return new Intl.DateTimeFormat(intlLocale(language), { weekday: style, timeZone: 'UTC' }).format(date);
}

/** An ISO 639-1 code named in the current language: `mg` → `Malagasy`. */
export function languageName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([intlLocale(language)], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** `Indian/Mauritius (GMT+4)`: the zone's name and its current offset. */
export function zoneLabel(zone: string, language: Language, at: Date = new Date()): string {
  if (!isTimeZone(zone)) return zone;
  const offset = new Intl.DateTimeFormat(intlLocale(language), { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  return offset ? `${zone} (${offset})` : zone;
}

/**
 * A value set inside a translated sentence, isolated (Unicode FSI … PDI) so that a name in Latin script keeps
 * its own order inside an Arabic sentence, and the other way round.
 */
export function isolate(value: string): string {
  return `\u2068${value}\u2069`;
}

/** `Firefox 133 · Windows` from a User-Agent header, or the header itself when it is not recognised. */
export function describeUserAgent(userAgent: string): string {
  const browser = [
    /(Edg)\/(\d+)/,
    /(OPR)\/(\d+)/,
    /(Firefox)\/(\d+)/,
    /(HeadlessChrome|Chrome|Chromium)\/(\d+)/,
    /Version\/(\d+).*(Safari)/,
  ]
    .map((pattern) => pattern.exec(userAgent))
    .find(Boolean);
  const system = [/Windows/, /Android/, /iPhone|iPad/, /Mac OS X/, /CrOS/, /Linux/]
    .map((pattern) => pattern.exec(userAgent)?.[0])
    .find(Boolean);
  if (!browser) return userAgent;
  const [name, version] =
    browser[2] === 'Safari'
      ? ['Safari', browser[1]]
      : [browser[1] === 'Edg' ? 'Edge' : browser[1] === 'OPR' ? 'Opera' : browser[1], browser[2]];
  const os =
    system === 'Mac OS X'
      ? 'macOS'
      : system === 'iPhone' || system === 'iPad'
        ? 'iOS'
        : system === 'CrOS'
          ? 'ChromeOS'
          : system;
  return os ? `${name} ${version} · ${os}` : `${name} ${version}`;
}

/**
 * Languages offered in the directory's filters and the authority editor (ISO 639 codes, as the API takes
 * them): those of the networks' member States (DOMAIN.md) and the UN's working languages. The API has no
 * list of the languages in use; an authority's own codes are added in its editor.
 */
export const REQUEST_LANGUAGES = ['ar', 'en', 'es', 'fr', 'mg', 'pt', 'ru', 'sw', 'zh'] as const;
