/**
 * The matched words of a search, found again in a message's text on this side, to show a snippet with them
 * highlighted. The API matches on a blind index (it never returns positions): words are folded here the way
 * the index folds them (libs/messaging/src/search/blind-index.ts) — lower case, accents and Arabic diacritics
 * removed, French elision dropped — so "ETAT", "l’État" and "état" all match "etat".
 */

/** French elided articles and pronouns before a vowel: l'État → état, qu'il → il, d’Interpol → interpol. */
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]/u;
/** Arabic short vowels and other marks (harakat, shadda, sukun, superscript alef) and the tatweel. */
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/gu;
/** A word of the text as written: letters, digits, combining marks, apostrophes and the tatweel. */
const WORD = /[\p{L}\p{N}\p{M}'’\u0640]+/gu;
/** Shorter words are not indexed, so not searched. */
const MIN_WORD = 2;

/** One word as the index sees it ("" when it is not a word the index keeps). */
export function foldWord(word: string): string {
  const folded = word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(ARABIC_MARKS, '');
  return folded.replace(ELISION, '').replace(/['’]/g, '');
}

/** The words of a query, folded, as the API searches them. */
export function queryWords(query: string): string[] {
  const words = new Set<string>();
  for (const match of query.matchAll(WORD)) {
    const word = foldWord(match[0]);
    if (word.length >= MIN_WORD) words.add(word);
  }
  return [...words];
}

/** Whether a query has a word the API can search (else it answers 400). */
export function isSearchable(query: string): boolean {
  return queryWords(query).length > 0;
}

/**
 * A message's markdown as the words a reader sees, for a snippet: link and image syntax reduced to their
 * text, emphasis, code and heading marks removed. Rough on purpose (a snippet is text, never HTML).
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|~~|`+)/g, '')
    .replace(/(^|[\s(])[*_](?=\S)([^*_\n]*\S)[*_](?=$|[\s).,;:!?])/gm, '$1$2');
}

export interface Part {
  text: string;
  match: boolean;
}

/** The text cut into parts, the words of `words` (folded) marked as matches. */
export function highlight(text: string, words: readonly string[]): Part[] {
  const wanted = new Set(words);
  const parts: Part[] = [];
  let at = 0;
  for (const match of text.matchAll(WORD)) {
    if (!wanted.has(foldWord(match[0]))) continue;
    const start = match.index;
    if (start > at) parts.push({ text: text.slice(at, start), match: false });
    parts.push({ text: match[0], match: true });
    at = start + match[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}

/**
 * A short passage of `text` around its first matched word (the whole text when short), white space
 * collapsed, with "…" where it was cut, in parts to highlight.
 */
export function snippet(text: string, words: readonly string[], length = 200): Part[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return highlight(flat, words);
  const wanted = new Set(words);
  let first = 0;
  for (const match of flat.matchAll(WORD)) {
    if (wanted.has(foldWord(match[0]))) {
      first = match.index;
      break;
    }
  }
  // Some context before the match, starting at a word.
  let start = Math.max(0, first - Math.floor(length / 4));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  const cut = `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
  return highlight(cut, words);
}
