import { bucketed, percentile } from './statistics.service';

describe('statistics from kept counts', () => {
  it('interpolates percentiles over a distribution as percentile_cont does over the values', () => {
    // Values 10, 20, 20, 40: median between the 2nd and 3rd, p90 at 2.7 → 20 + 0.7 × 20.
    const distribution = [
      { seconds: 10, n: 1 },
      { seconds: 20, n: 2 },
      { seconds: 40, n: 1 },
    ];
    expect(percentile(distribution, 0.5)).toBe(20);
    expect(percentile(distribution, 0.9)).toBeCloseTo(34, 10);
    expect(percentile([{ seconds: 7, n: 1 }], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('answers from the counts only filters they are bucketed by', () => {
    expect(bucketed({})).toBe(true);
    expect(bucketed({ from: '2026-01-01', to: '2026-02-28', networkId: 'n', cooperationType: 'mla' })).toBe(true);
    expect(bucketed({ to: '2028-02-29' })).toBe(true);
    expect(bucketed({ from: '2026-01-02' })).toBe(false);
    expect(bucketed({ to: '2026-02-27' })).toBe(false);
    expect(bucketed({ stateCode: 'AT' })).toBe(false);
    expect(bucketed({ offenceCategory: 'drugs' })).toBe(false);
    expect(bucketed({ legalBasis: 'untoc_18' })).toBe(false);
  });
});
