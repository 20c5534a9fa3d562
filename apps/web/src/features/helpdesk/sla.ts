/**
 * A ticket's two SLA clocks as the pages show them, from what the API returns (`sla`, `status`): the
 * first-answer clock and the resolution clock, each running (with its deadline), overdue, paused while the
 * ticket waits on the requester, done (with the working time it took, the target and whether the API says it
 * was met), stopped, or without a deadline.
 */
import type { TicketSummary } from './vocabulary';

export type ClockState =
  | { state: 'running'; due: string }
  | { state: 'overdue'; due: string }
  | { state: 'paused' }
  | { state: 'done'; workingSeconds: number | null; targetHours: number | null; outcome: SlaOutcome | null }
  | { state: 'stopped' }
  | { state: 'none' };

type Ticket = Pick<TicketSummary, 'status' | 'sla'>;
/** Computed by the API from the stored durations and targets; the page never judges it. */
export type SlaOutcome = NonNullable<TicketSummary['sla']['responseOutcome']>;

const isStopped = (status: string) => status === 'resolved' || status === 'closed';

function pending(due: string | null, paused: boolean, now: Date): ClockState {
  if (paused) return { state: 'paused' };
  if (!due) return { state: 'none' };
  return new Date(due).getTime() < now.getTime() ? { state: 'overdue', due } : { state: 'running', due };
}

/** The first-answer clock: stops at the secretariat's first public message. */
export function responseClock(ticket: Ticket, now: Date): ClockState {
  const { sla } = ticket;
  if (sla.firstResponseAt)
    return {
      state: 'done',
      workingSeconds: sla.responseWorkingSeconds,
      targetHours: sla.responseTargetHours,
      outcome: sla.responseOutcome,
    };
  if (isStopped(ticket.status)) return { state: 'stopped' };
  return pending(sla.responseDueAt, sla.paused, now);
}

/** The resolution clock: stops when the ticket is resolved (or withdrawn). */
export function resolutionClock(ticket: Ticket, now: Date): ClockState {
  const { sla } = ticket;
  if (isStopped(ticket.status))
    return {
      state: 'done',
      workingSeconds: sla.resolutionWorkingSeconds,
      targetHours: sla.resolutionTargetHours,
      outcome: sla.resolutionOutcome,
    };
  return pending(sla.resolutionDueAt, sla.paused, now);
}

/** Working seconds as hours, to one decimal. */
export function workingHours(seconds: number): number {
  return Math.round(seconds / 360) / 10;
}
