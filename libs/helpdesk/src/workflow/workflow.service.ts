import { ForbiddenException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  afterCommit,
  AuditContext,
  AuditService,
  Clock,
  jobId,
  ProblemException,
  Queues,
  ValidationProblem,
} from '@liaison/platform';
import { AuthUser, PeopleService } from '@liaison/identity';
import { Notifier } from '@liaison/notifications';
import { RealtimeEmitter } from '@liaison/realtime';
import { NOTICE } from '../helpdesk-events';
import { SlaService } from '../sla/sla.service';
import { visibleTicket } from '../tickets/ticket-access';
import { announceChange, recordEvent } from '../tickets/ticket-changes';
import { TicketCounterpart } from '../tickets/ticket-counterpart.entity';
import { TicketQueueService } from '../tickets/ticket-queue.service';
import type { TicketDetail } from '../tickets/ticket-views';
import { Ticket } from '../tickets/ticket.entity';
import { Outcome, OUTCOMES, PRIORITIES, REFUSAL_GROUNDS } from '../vocabulary';
import {
  allowedTransitions,
  autoCloseAt,
  mayTransition,
  shouldAutoClose,
  TicketStatus,
  WorkflowActor,
} from './workflow.policy';

export const AUTO_CLOSE_QUEUE = 'helpdesk.auto-close';

declare module '@liaison/platform' {
  interface QueueJobMap {
    /** Closes a resolved ticket once its 14 days have passed (re-checked when it runs). */
    'helpdesk.auto-close': { ticketId: string };
  }
}

export interface StatusChange {
  status: TicketStatus;
  outcome?: Outcome;
  outcomeGround?: string;
  duplicateOf?: string;
}

/**
 * A ticket's workflow: status transitions (and the auto-close of resolved tickets), triage (priority and
 * assignee) and counterparts. Every change is a timeline event and an audit entry, and tells the triage
 * queue live.
 */
@Injectable()
export class WorkflowService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifier: Notifier,
    private readonly emitter: RealtimeEmitter,
    private readonly audit: AuditService,
    private readonly queues: Queues,
    private readonly clock: Clock,
    private readonly people: PeopleService,
    private readonly sla: SlaService,
    private readonly queue: TicketQueueService,
  ) {}

  private refuseTransition(from: TicketStatus, to: TicketStatus, actor: WorkflowActor): never {
    const allowed = allowedTransitions(from, actor);
    throw new ProblemException({
      type: '/problems/invalid-transition',
      title: 'This ticket cannot move to that status',
      status: HttpStatus.CONFLICT,
      detail: `from ${from} to ${to}: ${allowed.length ? `allowed: ${allowed.join(', ')}` : 'no move is allowed'}`,
      from,
      allowed,
    });
  }

  /** The secretariat moves a ticket; resolving needs an outcome (and its ground, or the duplicated ticket). */
  async changeStatus(
    user: AuthUser,
    ticketId: string,
    change: StatusChange,
    context: AuditContext,
  ): Promise<TicketDetail> {
    await this.dataSource.transaction(async (manager) => {
      const { ticket, relation } = await visibleTicket(manager, user.id, ticketId, true);
      if (relation !== 'secretariat')
        throw new ForbiddenException('Only the secretariat moves a ticket through its workflow');
      if (!mayTransition(ticket.status, change.status, 'secretariat'))
        this.refuseTransition(ticket.status, change.status, 'secretariat');
      if (change.status === 'resolved') await this.requireOutcome(manager, ticket, change);
      await this.move(manager, ticket, change.status, user.id, context, change);
    });
    return this.queue.get(user, ticketId);
  }

  /** The requester withdraws an open ticket: it is resolved with the outcome "withdrawn". */
  async withdraw(user: AuthUser, ticketId: string, context: AuditContext): Promise<TicketDetail> {
    await this.dataSource.transaction(async (manager) => {
      const { ticket, relation } = await visibleTicket(manager, user.id, ticketId, true);
      if (relation !== 'requester') throw new ForbiddenException('Only the requesting authority withdraws its ticket');
      if (!mayTransition(ticket.status, 'resolved', 'requester'))
        this.refuseTransition(ticket.status, 'resolved', 'requester');
      await this.move(manager, ticket, 'resolved', user.id, context, { status: 'resolved', outcome: 'withdrawn' });
    });
    return this.queue.get(user, ticketId);
  }

  private async requireOutcome(manager: EntityManager, ticket: Ticket, change: StatusChange): Promise<void> {
    if (!change.outcome || !OUTCOMES.includes(change.outcome))
      throw new ValidationProblem([{ field: 'outcome', message: 'resolving a ticket needs its outcome' }]);
    if (change.outcome === 'refused' && !(REFUSAL_GROUNDS as readonly string[]).includes(change.outcomeGround ?? ''))
      throw new ValidationProblem([{ field: 'outcomeGround', message: 'a refusal needs its ground' }]);
    if (change.outcome === 'duplicate') {
      const original = change.duplicateOf
        ? await manager.findOne(Ticket, { where: { id: change.duplicateOf }, select: { id: true } })
        : null;
      if (!original || original.id === ticket.id)
        throw new ValidationProblem([{ field: 'duplicateOf', message: 'name the ticket this one duplicates' }]);
    }
  }

  /** Applies a transition already allowed: the row, the timeline, the audit, the notices, the queue. */
  private async move(
    manager: EntityManager,
    ticket: Ticket,
    to: TicketStatus,
    actorId: string | null,
    context: AuditContext,
    change?: StatusChange,
  ): Promise<void> {
    const from = ticket.status;
    const now = this.clock.now();
    const changes: Partial<
      Pick<Ticket, 'status' | 'resolvedAt' | 'outcome' | 'outcomeGround' | 'duplicateOf' | 'closedAt'>
    > = { status: to };
    if (to === 'resolved') {
      changes.resolvedAt = now;
      changes.outcome = change?.outcome ?? null;
      changes.outcomeGround = change?.outcome === 'refused' ? (change.outcomeGround ?? null) : null;
      changes.duplicateOf = change?.outcome === 'duplicate' ? (change.duplicateOf ?? null) : null;
    } else if (from === 'resolved' && to !== 'closed') {
      // Reopened: the earlier outcome no longer holds, and the pending auto-close finds nothing to do.
      Object.assign(changes, { resolvedAt: null, outcome: null, outcomeGround: null, duplicateOf: null });
    }
    if (to === 'closed') changes.closedAt = now;
    await manager.update(Ticket, { id: ticket.id }, changes);
    await this.sla.sync(manager, ticket.id);
    await recordEvent(manager, ticket.id, actorId, 'status', from, to);
    if (to === 'resolved') await recordEvent(manager, ticket.id, actorId, 'outcome', null, changes.outcome ?? null);
    await this.audit.append(
      {
        ...context,
        actorId,
        action: 'helpdesk.status-changed',
        targetType: 'ticket',
        targetId: ticket.id,
        details: { reference: ticket.reference, from, to, ...(to === 'resolved' ? { outcome: changes.outcome } : {}) },
      },
      manager,
    );
    await this.notifier.notify(manager, {
      kind: NOTICE.statusChanged,
      recipients: [
        ...(await this.requesterSide(manager, ticket.requesterAuthorityId)),
        ...(ticket.assigneeId ? [ticket.assigneeId] : []),
      ],
      actorId,
      reference: ticket.reference,
      link: `/helpdesk/tickets/${ticket.id}`,
    });
    if (to === 'resolved') {
      const runAt = autoCloseAt(now);
      afterCommit(manager, () =>
        this.queues
          .add(
            AUTO_CLOSE_QUEUE,
            jobId('auto-close', ticket.id, String(now.getTime())),
            { ticketId: ticket.id },
            { runAt },
          )
          .catch(() => undefined),
      );
    }
    announceChange(this.emitter, manager, { ticketId: ticket.id, reference: ticket.reference, status: to });
  }

  /** The auto-close job: closes the ticket if, now, it is still resolved and its 14 days have passed. */
  async autoClose(ticketId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await manager.findOne(Ticket, { where: { id: ticketId }, lock: { mode: 'pessimistic_write' } });
      if (!ticket || !shouldAutoClose(ticket, this.clock.now())) return false;
      await this.move(manager, ticket, 'closed', null, {});
      return true;
    });
  }

  /** Resolved tickets whose auto-close job Redis may have lost (the sweep re-creates them). */
  async pendingAutoCloses(): Promise<{ id: string; resolvedAt: Date }[]> {
    return (
      (await this.dataSource.query(`SELECT id, resolved_at FROM helpdesk_tickets WHERE status = 'resolved'`)) as {
        id: string;
        resolved_at: Date;
      }[]
    ).map((row) => ({ id: row.id, resolvedAt: row.resolved_at }));
  }

  /** A requester's reply in the public thread moves "waiting on requester" back to "in progress". */
  async onPublicMessage(manager: EntityManager, threadId: string, authorId: string): Promise<void> {
    const ticket = await manager.findOne(Ticket, {
      where: { publicThreadId: threadId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!ticket) return;
    const [author] = (await manager.query(`SELECT authority_id, role FROM users WHERE id = $1`, [authorId])) as {
      authority_id: string | null;
      role: string;
    }[];
    // The first public message from the secretariat answers the ticket: the response clock stops there.
    if (author?.role === 'secretariat' && ticket.firstResponseAt === null) {
      await manager.update(Ticket, { id: ticket.id }, { firstResponseAt: this.clock.now() });
      await this.sla.sync(manager, ticket.id);
      await recordEvent(manager, ticket.id, authorId, 'first-response', null, null);
    }
    if (ticket.status === 'waiting_requester' && author?.authority_id === ticket.requesterAuthorityId)
      await this.move(manager, ticket, 'in_progress', authorId, {});
    await this.notifier.notify(manager, {
      kind: NOTICE.publicMessage,
      recipients: [
        ...(await this.requesterSide(manager, ticket.requesterAuthorityId)),
        ...(ticket.assigneeId ? [ticket.assigneeId] : []),
      ],
      actorId: authorId,
      reference: ticket.reference,
      link: `/helpdesk/tickets/${ticket.id}`,
    });
  }

  // --- Triage ---------------------------------------------------------------------------------------

  private async requireSecretariatMember(manager: EntityManager, userId: string, field: string): Promise<void> {
    const rows = (await manager.query(
      `SELECT 1 FROM users WHERE id = $1 AND role = 'secretariat' AND status = 'active'`,
      [userId],
    )) as [];
    if (rows.length === 0)
      throw new ValidationProblem([{ field, message: 'no such active member of the secretariat' }]);
  }

  /** Priority and assignee, by the secretariat. */
  async update(
    user: AuthUser,
    ticketId: string,
    changes: { priority?: string; assigneeId?: string | null },
    context: AuditContext,
  ): Promise<TicketDetail> {
    await this.dataSource.transaction(async (manager) => {
      const { ticket, relation } = await visibleTicket(manager, user.id, ticketId, true);
      if (relation !== 'secretariat') throw new ForbiddenException('Only the secretariat triages tickets');
      if (changes.priority !== undefined && changes.priority !== ticket.priority) {
        if (!(PRIORITIES as readonly string[]).includes(changes.priority))
          throw new ValidationProblem([{ field: 'priority', message: 'no such priority' }]);
        await manager.update(Ticket, { id: ticket.id }, { priority: changes.priority });
        // The targets follow the priority: the deadlines are re-planned from the working time already used.
        await this.sla.sync(manager, ticket.id);
        await recordEvent(manager, ticket.id, user.id, 'priority', ticket.priority, changes.priority);
        await this.audit.append(
          {
            ...context,
            actorId: user.id,
            action: 'helpdesk.priority-changed',
            targetType: 'ticket',
            targetId: ticket.id,
            details: { reference: ticket.reference, from: ticket.priority, to: changes.priority },
          },
          manager,
        );
      }
      if (changes.assigneeId !== undefined) await this.assign(manager, user, ticket, changes.assigneeId, context);
      announceChange(this.emitter, manager, {
        ticketId: ticket.id,
        reference: ticket.reference,
        status: ticket.status,
      });
    });
    return this.queue.get(user, ticketId);
  }

  private async assign(
    manager: EntityManager,
    user: AuthUser,
    ticket: Ticket,
    assigneeId: string | null,
    context: AuditContext,
  ): Promise<void> {
    if (assigneeId === ticket.assigneeId) return;
    if (assigneeId !== null) await this.requireSecretariatMember(manager, assigneeId, 'assigneeId');
    await manager.update(Ticket, { id: ticket.id }, { assigneeId });
    await recordEvent(manager, ticket.id, user.id, 'assignee', ticket.assigneeId, assigneeId);
    await this.audit.append(
      {
        ...context,
        actorId: user.id,
        action: 'helpdesk.assigned',
        targetType: 'ticket',
        targetId: ticket.id,
        details: { reference: ticket.reference, from: ticket.assigneeId, to: assigneeId },
      },
      manager,
    );
    if (assigneeId)
      await this.notifier.notify(manager, {
        kind: NOTICE.assigned,
        recipients: [assigneeId],
        actorId: user.id,
        reference: ticket.reference,
        link: `/helpdesk/tickets/${ticket.id}`,
      });
  }

  /** Assigns many tickets at once, all or none; a ticket that does not exist is named by its index. */
  async bulkAssign(
    user: AuthUser,
    ticketIds: string[],
    assigneeId: string | null,
    context: AuditContext,
  ): Promise<number> {
    if (user.role !== 'secretariat') throw new ForbiddenException('Only the secretariat triages tickets');
    return this.dataSource.transaction(async (manager) => {
      const ids = [...new Set(ticketIds)].sort();
      const tickets = await manager
        .createQueryBuilder(Ticket, 't')
        .where('t.id IN (:...ids)', { ids })
        .orderBy('t.id')
        .setLock('pessimistic_write')
        .getMany();
      const found = new Set(tickets.map((ticket) => ticket.id));
      const missing = ticketIds.findIndex((id) => !found.has(id));
      if (missing >= 0) throw new ValidationProblem([{ field: `ticketIds.${missing}`, message: 'no such ticket' }]);
      for (const ticket of tickets) {
        await this.assign(manager, user, ticket, assigneeId, context);
        announceChange(this.emitter, manager, {
          ticketId: ticket.id,
          reference: ticket.reference,
          status: ticket.status,
        });
      }
      return tickets.length;
    });
  }

  /** Invites a focal point of the requested side: from then on they see the ticket and its public thread. */
  async inviteCounterpart(
    user: AuthUser,
    ticketId: string,
    userId: string,
    context: AuditContext,
  ): Promise<TicketDetail> {
    await this.dataSource.transaction(async (manager) => {
      const { ticket, relation } = await visibleTicket(manager, user.id, ticketId, true);
      if (relation !== 'secretariat') throw new ForbiddenException('Only the secretariat invites counterparts');
      const [invitee] = (await manager.query(
        `SELECT u.id FROM users u JOIN authorities a ON a.id = u.authority_id
          WHERE u.id = $1 AND u.status = 'active' AND u.role IN ('focal_point', 'coordinator')
            AND a.state_code = $2 AND ($3::uuid IS NULL OR a.id = $3::uuid)`,
        [userId, ticket.requestedStateCode, ticket.requestedAuthorityId],
      )) as { id: string }[];
      if (!invitee)
        throw new ValidationProblem([
          { field: 'userId', message: 'no such active focal point of the requested authority' },
        ]);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(TicketCounterpart)
        .values({ ticketId, userId, invitedBy: user.id })
        .orIgnore()
        .returning('user_id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return;
      await recordEvent(manager, ticket.id, user.id, 'counterpart-invited', null, userId);
      await this.audit.append(
        {
          ...context,
          actorId: user.id,
          action: 'helpdesk.counterpart-invited',
          targetType: 'ticket',
          targetId: ticket.id,
          details: { reference: ticket.reference, userId },
        },
        manager,
      );
      await this.notifier.notify(manager, {
        kind: NOTICE.counterpartInvited,
        recipients: [userId],
        actorId: user.id,
        reference: ticket.reference,
        link: `/helpdesk/tickets/${ticket.id}`,
      });
    });
    return this.queue.get(user, ticketId);
  }

  /** Every active focal point (coordinators included) of the requesting authority: cover for absence. */
  private async requesterSide(manager: EntityManager, authorityId: string): Promise<string[]> {
    return (
      await this.people.find(
        { roles: ['focal_point', 'coordinator'], authorityIds: [authorityId], status: 'active' },
        manager,
      )
    ).map((person) => person.id);
  }
}
