import { displayNameProblem } from './display-name';

describe('display names', () => {
  it.each([
    'Aïcha Maïga',
    'Nour El-Houda Ben Ali',
    'J. R. Rakotomalala',
    "Ngozi O'Connor",
    'نور الهدى بن علي',
    'می‌خواهم',
  ])('accepts %s', (name) => {
    expect(displayNameProblem(name)).toBeNull();
  });

  it.each([
    ['a', /2 to 80/],
    ['A'.repeat(81), /2 to 80/],
    ['Visit https://evil.example', /address/],
    ['see www.evil.example', /address/],
    ['evil.example', /address/],
    ['mail me@evil.example', /address/],
    ['javascript://x', /address/],
    ['Amina\r\nBcc: x', /control/],
    ['Amina\u0000', /control/],
    ['Amina \u202Eelpmaxe', /direction/],
    ['Amina \u2066x\u2069', /direction/],
    ['Am\u200Bina', /invisible/],
    ['Amina\u2028Line', /control/],
  ])('refuses %j', (name, message) => {
    expect(displayNameProblem(name)).toMatch(message);
  });
});
