import { DEFAULT_CALENDAR, WorkingCalendar } from '@liaison/directory';
import { clockRuns, nextSla, shouldWarn, SlaOutcomeState, slaOutcomes, SlaState, warningAt } from './sla.policy';

const HOUR = 3600;
const vienna: WorkingCalendar = { ...DEFAULT_CALENDAR, timeZone: 'Europe/Vienna' };
const urgent = { response: 4, resolution: 40 };
const at = (iso: string) => new Date(iso);
const filed = (overrides: Partial<SlaState> = {}): SlaState => ({
  status: 'new',
  deadline: null,
  firstResponseAt: null,
  slaElapsedS: 0,
  slaRunningSince: null,
  responseWorkingS: null,
  resolutionWorkingS: null,
  ...overrides,
});

describe('SLA clocks', () => {
  it('runs while open, except waiting on the requester', () => {
    expect(['new', 'triaged', 'in_progress', 'waiting_counterpart'].every((s) => clockRuns(s as never))).toBe(true);
    expect(['waiting_requester', 'resolved', 'closed'].some((s) => clockRuns(s as never))).toBe(false);
  });

  it('starts at filing and plans both deadlines in working hours', () => {
    // Monday 7 Dec 2026, 15:00 Vienna.
    const sla = nextSla(vienna, urgent, filed(), at('2026-12-07T14:00:00Z'));
    expect(sla.slaRunningSince?.toISOString()).toBe('2026-12-07T14:00:00.000Z');
    expect(sla.responseDueAt?.toISOString()).toBe('2026-12-08T10:00:00.000Z'); // Tue 11:00
    // 40 h = 2 h Monday + 4 full days (32 h) + 6 h on Monday 14 Dec → 15:00.
    expect(sla.resolutionDueAt?.toISOString()).toBe('2026-12-14T14:00:00.000Z');
    expect(sla.dueAt).toEqual(sla.responseDueAt);
    expect(sla.slaResponseTargetS).toBe(4 * HOUR);
  });

  it('skips a holiday', () => {
    const withHoliday = { ...vienna, holidays: [{ date: '2026-12-08', name: 'Immaculate Conception' }] };
    const sla = nextSla(withHoliday, urgent, filed(), at('2026-12-07T14:00:00Z'));
    expect(sla.responseDueAt?.toISOString()).toBe('2026-12-09T10:00:00.000Z');
  });

  it('pauses while waiting on the requester and resumes with the time left', () => {
    const start = nextSla(vienna, urgent, filed(), at('2026-12-07T08:00:00Z')); // Mon 09:00
    // Mon 11:00: waiting on the requester → 2 working hours used, no deadline.
    const paused = nextSla(
      vienna,
      urgent,
      { ...filed(start), status: 'waiting_requester' },
      at('2026-12-07T10:00:00Z'),
    );
    expect(paused).toMatchObject({ slaElapsedS: 2 * HOUR, slaRunningSince: null, dueAt: null, responseDueAt: null });
    // Replies Wednesday 10:00: 2 hours left → due 12:00 Wednesday.
    const resumed = nextSla(vienna, urgent, { ...filed(paused), status: 'in_progress' }, at('2026-12-09T09:00:00Z'));
    expect(resumed.responseDueAt?.toISOString()).toBe('2026-12-09T11:00:00.000Z');
    expect(resumed.slaElapsedS).toBe(2 * HOUR);
  });

  it('fixes the durations at the first response and at resolution, and the deadlines go', () => {
    const start = nextSla(vienna, urgent, filed(), at('2026-12-07T08:00:00Z'));
    const answered = nextSla(
      vienna,
      urgent,
      { ...filed(start), status: 'in_progress', firstResponseAt: at('2026-12-07T11:30:00Z') },
      at('2026-12-07T11:30:00Z'),
    );
    expect(answered.responseWorkingS).toBe(3.5 * HOUR);
    expect(answered.responseDueAt).toBeNull();
    expect(answered.dueAt).toEqual(answered.resolutionDueAt);
    const resolved = nextSla(
      vienna,
      urgent,
      { ...filed(answered), status: 'resolved', firstResponseAt: at('2026-12-07T11:30:00Z') },
      at('2026-12-08T09:00:00Z'), // Tue 10:00: Mon 8 h + Tue 1 h
    );
    expect(resolved).toMatchObject({ resolutionWorkingS: 9 * HOUR, dueAt: null, slaRunningSince: null });
    const reopened = nextSla(
      vienna,
      urgent,
      { ...filed(resolved), status: 'in_progress', firstResponseAt: at('2026-12-07T11:30:00Z') },
      at('2026-12-08T10:00:00Z'),
    );
    expect(reopened.resolutionWorkingS).toBeNull();
    expect(reopened.slaElapsedS).toBe(9 * HOUR);
  });

  it('caps the resolution deadline at the deadline date given at filing', () => {
    const sla = nextSla(vienna, urgent, filed({ deadline: '2026-12-10' }), at('2026-12-07T14:00:00Z'));
    expect(sla.resolutionDueAt?.toISOString()).toBe('2026-12-09T23:00:00.000Z'); // 10 Dec 00:00 Vienna
    const late = nextSla(vienna, urgent, filed({ deadline: '2027-03-01' }), at('2026-12-07T14:00:00Z'));
    expect(late.resolutionDueAt?.toISOString()).toBe('2026-12-14T14:00:00.000Z');
  });

  it('warns when the set share of the target is left, in working time', () => {
    // Response due Tue 11:00 (4 h target): 25 % left = 1 working hour before → Tue 10:00.
    expect(warningAt(vienna, at('2026-12-08T10:00:00Z'), 4 * HOUR, 25).toISOString()).toBe('2026-12-08T09:00:00.000Z');
    // Due Tuesday 09:30 → Monday 16:30 (over the night).
    expect(warningAt(vienna, at('2026-12-08T08:30:00Z'), 4 * HOUR, 25).toISOString()).toBe('2026-12-07T15:30:00.000Z');
  });

  it('warns only for the deadline still planned, before it passes', () => {
    const due = at('2026-12-08T10:00:00Z');
    const state = { responseDueAt: due, resolutionDueAt: at('2026-12-14T14:00:00Z') };
    expect(shouldWarn(state, 'response', due, at('2026-12-08T09:00:00Z'))).toBe(true);
    expect(shouldWarn(state, 'response', due, at('2026-12-08T10:00:00Z'))).toBe(false);
    expect(shouldWarn({ ...state, responseDueAt: null }, 'response', due, at('2026-12-08T09:00:00Z'))).toBe(false);
    expect(shouldWarn(state, 'response', at('2026-12-08T11:00:00Z'), at('2026-12-08T09:00:00Z'))).toBe(false);
  });
});

describe('SLA outcomes', () => {
  const done = (overrides: Partial<SlaOutcomeState> = {}): SlaOutcomeState => ({
    status: 'resolved',
    deadline: null,
    slaResponseTargetS: 4 * HOUR,
    slaResolutionTargetS: 40 * HOUR,
    responseWorkingS: 4 * HOUR,
    resolutionWorkingS: 40 * HOUR,
    resolvedAt: at('2026-12-14T14:00:00Z'),
    ...overrides,
  });

  it('says met within the target, the target itself included, and missed beyond it', () => {
    expect(slaOutcomes(vienna, done())).toEqual({ response: 'met', resolution: 'met' });
    expect(slaOutcomes(vienna, done({ responseWorkingS: 4 * HOUR + 1, resolutionWorkingS: 41 * HOUR }))).toEqual({
      response: 'missed',
      resolution: 'missed',
    });
  });

  it('says nothing of a running clock, an unanswered resolution or a ticket without targets', () => {
    expect(slaOutcomes(vienna, done({ status: 'in_progress', resolutionWorkingS: null, resolvedAt: null }))).toEqual({
      response: 'met',
      resolution: null,
    });
    expect(slaOutcomes(vienna, done({ responseWorkingS: null })).response).toBeNull();
    expect(slaOutcomes(vienna, done({ slaResponseTargetS: 0, slaResolutionTargetS: 0 }))).toEqual({
      response: null,
      resolution: null,
    });
  });

  it('misses a resolution on or after the deadline date, even within the target', () => {
    // The cap is 14 Dec 00:00 Vienna = 13 Dec 23:00 UTC.
    expect(slaOutcomes(vienna, done({ deadline: '2026-12-14' })).resolution).toBe('missed');
    expect(slaOutcomes(vienna, done({ deadline: '2026-12-15' })).resolution).toBe('met');
  });
});
