import { addMonths, dueCycle, verificationDue } from './freshness';

describe('verification cycles', () => {
  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('flags a record never verified or verified 6 months ago or more', () => {
    expect(verificationDue(null, '2026-01-01')).toBe(true);
    expect(verificationDue('2026-01-01', '2026-06-30')).toBe(false);
    expect(verificationDue('2026-01-01', '2026-07-01')).toBe(true);
  });

  it('names the cycle a reminder belongs to: one per 6 months without verification', () => {
    expect(dueCycle('2026-01-01', '2026-06-30')).toBeNull();
    expect(dueCycle('2026-01-01', '2026-07-01')).toBe('2026-07-01');
    expect(dueCycle('2026-01-01', '2026-12-31')).toBe('2026-07-01');
    expect(dueCycle('2026-01-01', '2027-01-01')).toBe('2027-01-01');
  });
});
