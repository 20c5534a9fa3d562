import { describe, expect, it } from '@jest/globals';
import { safeNext } from './router';

const origin = 'https://liaison.example.org';
/** `next` as the sign-in page reads it from its address. */
const nextOf = (query: string) => new URLSearchParams(query).get('next');

describe('safeNext', () => {
  it('keeps a path of this app, with its query and fragment', () => {
    expect(safeNext(nextOf('next=%2Fthreads%2F42%3Ftab%3Dfiles%23m7'), origin)).toBe('/threads/42?tab=files#m7');
    expect(safeNext('/', origin)).toBe('/');
  });

  it.each([
    ['next=/%09/evil.example'],
    ['next=/%0A/evil.example'],
    ['next=//evil.example'],
    ['next=/\\evil.example'],
    ['next=%2F%5Cevil.example'],
    ['next=https://evil.example'],
    ['next=javascript:alert(1)'],
    ['next=%20//evil.example'],
    ['next='],
  ])('sends %s to the home page', (query) => {
    expect(safeNext(nextOf(query), origin)).toBeNull();
  });
});
