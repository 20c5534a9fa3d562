import { accountDelayMs, ACCOUNT_DELAY_CAP_MS } from '../auth/sign-in-throttle.service';
import { passwordProblem } from './passwords';
import { newRecoveryCode, normaliseRecoveryCode } from './secrets';
import { newTotpSecret, totpCode, totpStep } from './totp';

describe('password policy', () => {
  it.each([
    ['short', 'Short-1', /at least 12/],
    ['long', 'x'.repeat(129), /at most 128/],
    ['common', 'qwertyuiop123', /too common/],
    ['common with a suffix', 'Password2026!', /too common/],
    ['repeated', 'aaaaaaaaaaaaaaaa', /repeated/],
  ])('refuses a %s password', (_case, password, message) => {
    expect(passwordProblem(password)).toMatch(message);
  });

  it('refuses a password containing the e-mail address', () => {
    expect(passwordProblem('amina.diallo-2026!', { email: 'amina.diallo@justice.example' })).toMatch(/e-mail/);
  });

  it('accepts a long passphrase without composition rules', () => {
    expect(passwordProblem('tamarin lagoon baobab ferry')).toBeNull();
  });
});

describe('TOTP', () => {
  it('maps a code to its time step, with one step of drift either way, and refuses others', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-11-28T09:00:15Z');
    const step = Math.floor(now.getTime() / 30_000);
    expect(totpStep(secret, totpCode(secret, now), now)).toBe(step);
    expect(totpStep(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(totpStep(secret, totpCode(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
    expect(totpStep(secret, totpCode(secret, new Date(now.getTime() + 90_000)), now)).toBeNull();
    expect(totpStep(secret, '12345', now)).toBeNull();
  });
});

describe('recovery codes', () => {
  it('are 16 characters in four groups, and typed sloppily still match', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(normaliseRecoveryCode(` ${code.replace(/-/g, ' ').toUpperCase()} `)).toBe(code);
  });
});

describe('sign-in delay', () => {
  it('grows with failures and never exceeds the cap', () => {
    const delays = Array.from({ length: 100 }, (_, failures) => accountDelayMs(failures));
    expect(delays[0]).toBe(0);
    expect(delays[2]).toBeGreaterThan(delays[1]);
    expect(Math.max(...delays)).toBe(ACCOUNT_DELAY_CAP_MS);
    expect(ACCOUNT_DELAY_CAP_MS).toBeLessThanOrEqual(3000);
  });
});
