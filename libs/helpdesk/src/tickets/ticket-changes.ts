import { EntityManager } from 'typeorm';
import { afterCommit } from '@liaison/platform';
import { RealtimeEmitter } from '@liaison/realtime';
import { QUEUE_ROOM } from '../helpdesk-events';
import { TicketEvent } from './ticket-event.entity';

/** One entry of a ticket's timeline, in the change's transaction. */
export async function recordEvent(
  manager: EntityManager,
  ticketId: string,
  actorId: string | null,
  action: string,
  oldValue: string | null,
  newValue: string | null,
): Promise<void> {
  await manager.insert(TicketEvent, { ticketId, actorId, action, oldValue, newValue });
}

/** Tells the triage queue, once the transaction has committed, that a ticket changed. */
export function announceChange(
  emitter: RealtimeEmitter,
  manager: EntityManager,
  event: { ticketId: string; reference: string; status: string },
): void {
  afterCommit(manager, () => emitter.toRoom(QUEUE_ROOM, 'helpdesk.ticket-changed', event));
}
