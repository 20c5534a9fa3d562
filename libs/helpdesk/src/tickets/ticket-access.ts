import { NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Ticket } from './ticket.entity';

/**
 * Who sees a ticket, as SQL over the ticket `ht` and the caller `me` (a parameter such as `$2` or `:me`),
 * embedded in every query before any limit: the secretariat sees all; every focal point of the requesting
 * authority sees its tickets (cover for absence); a counterpart sees those they were invited to. Nobody
 * else, coordinators in that capacity included: they get 404.
 */
export function ticketVisibleTo(me: string): string {
  return `EXISTS (SELECT 1 FROM users hu WHERE hu.id = ${me} AND hu.status = 'active' AND (
    hu.role = 'secretariat'
    OR (hu.role IN ('focal_point', 'coordinator') AND (
      hu.authority_id = ht.requester_authority_id
      OR EXISTS (SELECT 1 FROM helpdesk_ticket_counterparts hc WHERE hc.ticket_id = ht.id AND hc.user_id = hu.id)
    ))
  ))`;
}

/** The caller's relation to a ticket they see, as SQL over `ht` and `me` (same parameter as above). */
export function ticketRelationOf(me: string): string {
  return `(SELECT CASE WHEN ru.role = 'secretariat' THEN 'secretariat'
    WHEN ru.authority_id = ht.requester_authority_id THEN 'requester' ELSE 'counterpart' END
    FROM users ru WHERE ru.id = ${me})`;
}

export type TicketRelation = 'secretariat' | 'requester' | 'counterpart';

/** The ticket and the caller's relation to it; 404 unless they see it (locked for update when asked). */
export async function visibleTicket(
  manager: EntityManager,
  userId: string,
  ticketId: string,
  lock = false,
): Promise<{ ticket: Ticket; relation: TicketRelation }> {
  const [row] = (await manager.query(
    `SELECT ht.id, ${ticketRelationOf('$2')} AS relation FROM helpdesk_tickets ht
      WHERE ht.id = $1 AND ${ticketVisibleTo('$2')}`,
    [ticketId, userId],
  )) as { id: string; relation: TicketRelation }[];
  if (!row) throw new NotFoundException('No such ticket');
  const ticket = await manager.findOneOrFail(Ticket, {
    where: { id: ticketId },
    lock: lock ? { mode: 'pessimistic_write' } : undefined,
  });
  return { ticket, relation: row.relation };
}
