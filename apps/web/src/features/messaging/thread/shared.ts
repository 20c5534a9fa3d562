/** What the thread's parts share: its types, the limits the API sets, and the timings of the page. */
import { type Answer } from '../../../api/client';
import { intlLocale } from '../../../format';
import { currentLanguage } from '../../../i18n';

export type Thread = Answer<'/api/threads/{id}', 'get'>;
export type Person = Thread['participants'][number];
export type SearchPage = Answer<'/api/search/messages', 'get'>;

/** Messages shown at first (the latest), and fetched per "older messages". */
export const PAGE = 50;
/** The API's limit on a message. */
export const BODY_MAX = 20_000;
/** "X is typing…" is sent at most this often while typing, and shown this long after the last one. */
export const TYPING_EVERY_MS = 2_000;
export const TYPING_SHOWN_MS = 5_000;
/** Without the latest messages from the sync module by then, they are fetched from the API. */
export const FALLBACK_AFTER_MS = 3_000;
/** The read position is sent once the newest message has been shown this long. */
export const READ_AFTER_MS = 800;

/** The limit as the reader writes numbers. */
export function bodyMax(): string {
  return new Intl.NumberFormat(intlLocale(currentLanguage())).format(BODY_MAX);
}

/** `#seq-12` → 12. */
export function seqOf(hash: string): number | null {
  const match = /^#seq-(\d+)$/.exec(hash);
  return match ? Number(match[1]) : null;
}
