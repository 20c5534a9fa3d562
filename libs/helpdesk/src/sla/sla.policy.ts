import { addWorkingTime, startOfDate, workingTimeBetween, WorkingCalendar } from '@liaison/directory';
import { OPEN_STATUSES, TicketStatus } from '../workflow/workflow.policy';

export type SlaClock = 'response' | 'resolution';
export const SLA_CLOCKS: readonly SlaClock[] = ['response', 'resolution'];

/** A ticket's SLA state as stored (the columns of `helpdesk_tickets` this policy reads). */
export interface SlaState {
  status: TicketStatus;
  deadline: string | null;
  firstResponseAt: Date | null;
  slaElapsedS: number;
  slaRunningSince: Date | null;
  responseWorkingS: number | null;
  resolutionWorkingS: number | null;
}

/** What the policy writes back. */
export interface SlaColumns {
  slaResponseTargetS: number;
  slaResolutionTargetS: number;
  slaElapsedS: number;
  slaRunningSince: Date | null;
  responseWorkingS: number | null;
  resolutionWorkingS: number | null;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  dueAt: Date | null;
}

/** Targets in working hours for the ticket's priority. */
export interface SlaTargets {
  response: number;
  resolution: number;
}

/** The clocks run while the ticket is open and not waiting on the requester. */
export function clockRuns(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status) && status !== 'waiting_requester';
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * The SLA columns after the ticket reached `state` at `now` (its status, first response and priority
 * already updated): the clock stops on leaving a running status and starts on entering one; the
 * durations are fixed at the first response and at resolution; the deadlines are re-planned from the
 * working time left. A deadline date given at filing caps the resolution deadline at that date's first
 * instant in the calendar's zone. Paused or stopped: no deadline, nothing is overdue.
 */
export function nextSla(calendar: WorkingCalendar, targets: SlaTargets, state: SlaState, now: Date): SlaColumns {
  const runs = clockRuns(state.status);
  let elapsed = state.slaElapsedS;
  let since = state.slaRunningSince;
  const runningNow = () => elapsed + (since ? seconds(workingTimeBetween(calendar, since, now)) : 0);
  let responseWorkingS = state.responseWorkingS;
  if (state.firstResponseAt && responseWorkingS === null)
    responseWorkingS = elapsed + (since ? seconds(workingTimeBetween(calendar, since, state.firstResponseAt)) : 0);
  if (since && !runs) {
    elapsed = runningNow();
    since = null;
  } else if (!since && runs) since = now;
  let resolutionWorkingS = state.resolutionWorkingS;
  if (state.status === 'resolved' || state.status === 'closed') resolutionWorkingS ??= elapsed;
  else resolutionWorkingS = null;
  const responseTargetS = Math.round(targets.response * 3600);
  const resolutionTargetS = Math.round(targets.resolution * 3600);
  let responseDueAt: Date | null = null;
  let resolutionDueAt: Date | null = null;
  if (since) {
    if (!state.firstResponseAt) responseDueAt = addWorkingTime(calendar, since, (responseTargetS - elapsed) * 1000);
    resolutionDueAt = addWorkingTime(calendar, since, (resolutionTargetS - elapsed) * 1000);
    if (state.deadline) {
      const cap = startOfDate(calendar, state.deadline);
      if (cap < resolutionDueAt) resolutionDueAt = cap;
    }
  }
  const pending = [responseDueAt, resolutionDueAt].filter((due): due is Date => due !== null);
  return {
    slaResponseTargetS: responseTargetS,
    slaResolutionTargetS: resolutionTargetS,
    slaElapsedS: elapsed,
    slaRunningSince: since,
    responseWorkingS,
    resolutionWorkingS,
    responseDueAt,
    resolutionDueAt,
    dueAt: pending.length ? new Date(Math.min(...pending.map((due) => due.getTime()))) : null,
  };
}

/**
 * When to warn before `due`: when `percent` of the clock's target is left, counted back in working time
 * from the deadline (so a deadline cap warns as early before the cap as the target would).
 */
export function warningAt(calendar: WorkingCalendar, due: Date, targetS: number, percent: number): Date {
  return addWorkingTime(calendar, due, -Math.round((targetS * percent) / 100) * 1000);
}

/**
 * Whether a warning job for `clock`'s deadline `due` still warns when it runs at `now`: only if that is
 * still the clock's deadline (not answered, paused, resolved or re-planned since) and not yet passed.
 */
export function shouldWarn(
  state: { responseDueAt: Date | null; resolutionDueAt: Date | null },
  clock: SlaClock,
  due: Date,
  now: Date,
): boolean {
  const current = clock === 'response' ? state.responseDueAt : state.resolutionDueAt;
  return current !== null && current.getTime() === due.getTime() && now < due;
}

export const SLA_OUTCOMES = ['met', 'missed'] as const;
export type SlaOutcome = (typeof SLA_OUTCOMES)[number];

/** What the outcome of a ticket's clocks is computed from (stored columns only). */
export interface SlaOutcomeState {
  status: TicketStatus;
  deadline: string | null;
  slaResponseTargetS: number;
  slaResolutionTargetS: number;
  responseWorkingS: number | null;
  resolutionWorkingS: number | null;
  resolvedAt: Date | null;
}

/**
 * Whether each finished clock met its target: the response clock once the secretariat first answered, the
 * resolution clock once the ticket is resolved (or closed) — met when its working duration is within the
 * target and, for resolution, it came before the deadline date's first instant when one was given at filing.
 * Null while a clock runs, when the ticket was resolved unanswered, or when no target was planned (tickets
 * from before the clocks, until their next change).
 */
export function slaOutcomes(
  calendar: WorkingCalendar,
  state: SlaOutcomeState,
): { response: SlaOutcome | null; resolution: SlaOutcome | null } {
  const within = (used: number | null, target: number): SlaOutcome | null =>
    used === null || target <= 0 ? null : used <= target ? 'met' : 'missed';
  const response = within(state.responseWorkingS, state.slaResponseTargetS);
  const stopped = state.status === 'resolved' || state.status === 'closed';
  let resolution = stopped ? within(state.resolutionWorkingS, state.slaResolutionTargetS) : null;
  if (
    resolution === 'met' &&
    state.deadline &&
    state.resolvedAt &&
    state.resolvedAt >= startOfDate(calendar, state.deadline)
  )
    resolution = 'missed';
  return { response, resolution };
}
