import { describe, expect, it } from '@jest/globals';
import {
  foldWord,
  highlight,
  isSearchable,
  plainText,
  queryWords,
  snippet,
} from '../features/messaging/store/highlight';

const marked = (parts: { text: string; match: boolean }[]) =>
  parts.filter((part) => part.match).map((part) => part.text);

describe('search highlighting', () => {
  it('folds words as the blind index does: case, accents, French elision, Arabic diacritics', () => {
    expect(foldWord('ÉTAT')).toBe('etat');
    expect(foldWord('l’État')).toBe('etat');
    expect(foldWord("qu'il")).toBe('il');
    expect(foldWord('مُحَمَّد')).toBe('محمد');
    expect(foldWord('عـــدل')).toBe('عدل');
  });

  it('keeps the words the API searches', () => {
    expect(queryWords('  Extradition, l’État  a ')).toEqual(['extradition', 'etat']);
    expect(isSearchable('a b')).toBe(false);
    expect(isSearchable('ab')).toBe(true);
  });

  it('marks every form of the words in the text as written', () => {
    const parts = highlight('The État asked; l’etat replied, ETATS did not.', queryWords('etat'));
    expect(marked(parts)).toEqual(['État', 'l’etat']);
    expect(parts.map((part) => part.text).join('')).toBe('The État asked; l’etat replied, ETATS did not.');
    expect(marked(highlight('طلب التسليم مُسْتَعْجَل', queryWords('مستعجل')))).toEqual(['مُسْتَعْجَل']);
  });

  it('shows the words of markdown, not its marks', () => {
    expect(plainText('The hearing is on\n**14 March**, see [the order](https://example.org/x) and `code`.')).toBe(
      'The hearing is on\n14 March, see the order and code.',
    );
    expect(plainText('# Title\n- one\n> quoted _emphasis_ in snake_case_name')).toBe(
      'Title\none\nquoted emphasis in snake_case_name',
    );
  });

  it('cuts a long text around the first match, at words', () => {
    const text = `${'word '.repeat(100)}the extradition request ${'tail '.repeat(100)}`;
    const parts = snippet(text, ['extradition'], 120);
    const joined = parts.map((part) => part.text).join('');
    expect(joined.startsWith('…')).toBe(true);
    expect(joined.endsWith('…')).toBe(true);
    expect(joined.length).toBeLessThanOrEqual(123);
    expect(marked(parts)).toEqual(['extradition']);
    expect(
      snippet('short\n\ntext', ['text'])
        .map((part) => part.text)
        .join(''),
    ).toBe('short text');
  });
});
