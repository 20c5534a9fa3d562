import { createHmac } from 'node:crypto';

/** Words shorter than this are not indexed (and not searchable): "de", "la", "في" match too much. */
export const MIN_WORD = 2;
/** Tokens per message at most: a 20,000-character message has far fewer distinct words. */
const MAX_TOKENS = 2000;

/** French elided articles and pronouns before a vowel: l'État → état, qu'il → il, d’Interpol → interpol. */
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]/u;
/** Arabic short vowels and other marks (harakat, shadda, sukun, superscript alef) and the tatweel. */
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/gu;

/**
 * The words of a text as the index sees them: lower case, accents and Arabic diacritics removed, French
 * elision dropped, split on anything that is not a letter or a digit. "L’État", "ETAT" and "état" all
 * give "etat".
 */
export function normalisedWords(text: string): string[] {
  const words: string[] = [];
  // Marks go first: they are not letters, and would otherwise split words.
  const folded = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(ARABIC_MARKS, '');
  for (const raw of folded.split(/[^\p{L}\p{N}'’]+/u)) {
    const word = raw.replace(ELISION, '').replace(/['’]/g, '');
    if (word.length >= MIN_WORD) words.push(word);
  }
  return words;
}

/**
 * A keyed blind index: HMAC-SHA256 of each distinct normalised word under SEARCH_INDEX_KEY, truncated to
 * 128 bits. Whoever reads the database sees which messages share a word, never the word (without the key
 * a token cannot be recomputed from a dictionary).
 */
export class BlindIndex {
  /**
   * Tokens of the words seen lately, oldest first: a message's 30-60 HMACs were 6 % of the API's CPU on the
   * send path, and most words recur. Bounded; the oldest word goes when it is full.
   */
  private readonly recent = new Map<string, string>();

  constructor(
    private readonly key: Buffer,
    private readonly cacheSize = 20_000,
  ) {}

  token(word: string): string {
    const cached = this.recent.get(word);
    if (cached !== undefined) return cached;
    const token = createHmac('sha256', this.key).update(word, 'utf8').digest().subarray(0, 16).toString('base64url');
    if (this.recent.size >= this.cacheSize) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(word, token);
    return token;
  }

  /** Words whose tokens are held. */
  get cached(): number {
    return this.recent.size;
  }

  /** The distinct tokens of a text. */
  tokens(text: string): string[] {
    return [...new Set(normalisedWords(text))].slice(0, MAX_TOKENS).map((word) => this.token(word));
  }
}
