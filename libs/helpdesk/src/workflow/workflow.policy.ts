/**
 * The ticket workflow: new → triaged → in progress ⇄ waiting on requester / waiting on counterpart →
 * resolved → closed. Pure, so every transition and every refusal is unit-tested without a database.
 */

import { OPEN_STATUSES, STATUSES, type TicketStatus } from '@liaison/contracts';

// The statuses are a vocabulary the web app shares (@liaison/contracts); the moves between them are the API's.
export { OPEN_STATUSES, STATUSES };
export type { TicketStatus };

/** Who acts: the secretariat, the requesting authority's focal points, or the platform itself (auto-close). */
export type WorkflowActor = 'secretariat' | 'requester' | 'system';

const SECRETARIAT_MOVES: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['triaged', 'resolved'],
  triaged: ['in_progress', 'resolved'],
  in_progress: ['waiting_requester', 'waiting_counterpart', 'resolved'],
  waiting_requester: ['in_progress', 'resolved'],
  waiting_counterpart: ['in_progress', 'resolved'],
  // Reopening: from resolved only, never from closed.
  resolved: ['in_progress'],
  closed: [],
};

/** The statuses `actor` may move a ticket in `from` to (the requester only withdraws: resolved, outcome withdrawn). */
export function allowedTransitions(from: TicketStatus, actor: WorkflowActor): TicketStatus[] {
  switch (actor) {
    case 'secretariat':
      return [...SECRETARIAT_MOVES[from]];
    case 'requester':
      return OPEN_STATUSES.includes(from) ? ['resolved'] : [];
    case 'system':
      return from === 'resolved' ? ['closed'] : [];
  }
}

export function mayTransition(from: TicketStatus, to: TicketStatus, actor: WorkflowActor): boolean {
  return allowedTransitions(from, actor).includes(to);
}

/** A requester's reply moves "waiting on requester" back to "in progress"; any other status stays. */
export function afterRequesterReply(status: TicketStatus): TicketStatus | null {
  return status === 'waiting_requester' ? 'in_progress' : null;
}

/** Days after resolution when a ticket closes by itself. */
export const AUTO_CLOSE_DAYS = 14;

export function autoCloseAt(resolvedAt: Date): Date {
  return new Date(resolvedAt.getTime() + AUTO_CLOSE_DAYS * 24 * 3600 * 1000);
}

/** Whether an auto-close job, when it runs at `now`, still closes the ticket (re-checked then, never trusted). */
export function shouldAutoClose(ticket: { status: TicketStatus; resolvedAt: Date | null }, now: Date): boolean {
  return ticket.status === 'resolved' && ticket.resolvedAt !== null && autoCloseAt(ticket.resolvedAt) <= now;
}
