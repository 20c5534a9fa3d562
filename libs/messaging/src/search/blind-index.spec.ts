import { createHash, randomBytes } from 'node:crypto';
import { BlindIndex, normalisedWords } from './blind-index';

describe('blind index', () => {
  it('folds case, accents, French elision and Arabic diacritics into the same words', () => {
    expect(normalisedWords("L’État a transmis l'extradition d'AHMED à Saint-Denis")).toEqual([
      'etat',
      'transmis',
      'extradition',
      'ahmed',
      'saint',
      'denis',
    ]);
    expect(normalisedWords('ÉTAT etat État')).toEqual(['etat', 'etat', 'etat']);
    expect(normalisedWords('qu’il jusqu’à lorsqu’on')).toEqual(['il', 'on']);
    // "تسليم المجرمين" (extradition) with and without harakat and tatweel.
    expect(normalisedWords('تَسْلِيمُ المُجْرِمِينَ')).toEqual(normalisedWords('تســليم المجرمين'));
    expect(normalisedWords('تسليم المجرمين')).toEqual(['تسليم', 'المجرمين']);
  });

  it('gives keyed tokens: another key gives others, and none is a plain hash of its word', () => {
    const words = ['extradition', 'etat', 'تسليم'];
    const one = new BlindIndex(randomBytes(32));
    const other = new BlindIndex(randomBytes(32));
    for (const word of words) {
      expect(one.token(word)).not.toBe(other.token(word));
      for (const hash of ['sha256', 'sha1', 'md5']) {
        const plain = createHash(hash).update(word).digest();
        expect([
          plain.toString('hex'),
          plain.toString('base64url'),
          plain.subarray(0, 16).toString('base64url'),
        ]).not.toContain(one.token(word));
      }
    }
    expect(one.tokens('Extradition EXTRADITION extradition')).toHaveLength(1);
  });

  it('gives the same tokens from its cache of recent words, which stays within its bound', () => {
    const key = randomBytes(32);
    const cached = new BlindIndex(key, 3);
    const words = ['extradition', 'entraide', 'confiscation', 'interpol', 'extradition', 'mandat'];
    const expected = words.map((word) => new BlindIndex(key, 0).token(word));
    expect(words.map((word) => cached.token(word))).toEqual(expected);
    expect(words.map((word) => cached.token(word))).toEqual(expected);
    expect(cached.cached).toBe(3);
  });
});
