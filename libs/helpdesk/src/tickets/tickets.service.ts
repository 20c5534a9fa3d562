import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditContext, Page } from '@liaison/platform';
import { AuthUser } from '@liaison/identity';
import { StatusChange, WorkflowService } from '../workflow/workflow.service';
import { FilingInput, FilingService } from './filing.service';
import { TicketListQuery, TicketQueueService } from './ticket-queue.service';
import type { FilingCheck, TicketDetail, TicketSummary } from './ticket-views';

/**
 * Helpdesk tickets as one service, for callers outside the library (the CLIs, the tests): each method is
 * that of the service of its concern — filing (FilingService), the triage queue and a ticket's page
 * (TicketQueueService), the workflow, triage and counterparts (WorkflowService). Inside the library, use
 * those directly.
 */
@Injectable()
export class TicketsService {
  constructor(
    private readonly filing: FilingService,
    private readonly queue: TicketQueueService,
    private readonly workflow: WorkflowService,
  ) {}

  check(user: AuthUser, facts: FilingInput): Promise<FilingCheck> {
    return this.filing.check(user, facts);
  }

  file(user: AuthUser, input: FilingInput, context: AuditContext): Promise<TicketDetail> {
    return this.filing.file(user, input, context);
  }

  list(user: AuthUser, query: TicketListQuery): Promise<Page<TicketSummary>> {
    return this.queue.list(user, query);
  }

  get(user: AuthUser, ticketId: string, manager?: EntityManager): Promise<TicketDetail> {
    return this.queue.get(user, ticketId, manager);
  }

  changeStatus(user: AuthUser, ticketId: string, change: StatusChange, context: AuditContext): Promise<TicketDetail> {
    return this.workflow.changeStatus(user, ticketId, change, context);
  }

  withdraw(user: AuthUser, ticketId: string, context: AuditContext): Promise<TicketDetail> {
    return this.workflow.withdraw(user, ticketId, context);
  }

  autoClose(ticketId: string): Promise<boolean> {
    return this.workflow.autoClose(ticketId);
  }

  pendingAutoCloses(): Promise<{ id: string; resolvedAt: Date }[]> {
    return this.workflow.pendingAutoCloses();
  }

  onPublicMessage(manager: EntityManager, threadId: string, authorId: string): Promise<void> {
    return this.workflow.onPublicMessage(manager, threadId, authorId);
  }

  update(
    user: AuthUser,
    ticketId: string,
    changes: { priority?: string; assigneeId?: string | null },
    context: AuditContext,
  ): Promise<TicketDetail> {
    return this.workflow.update(user, ticketId, changes, context);
  }

  bulkAssign(user: AuthUser, ticketIds: string[], assigneeId: string | null, context: AuditContext): Promise<number> {
    return this.workflow.bulkAssign(user, ticketIds, assigneeId, context);
  }

  inviteCounterpart(user: AuthUser, ticketId: string, userId: string, context: AuditContext): Promise<TicketDetail> {
    return this.workflow.inviteCounterpart(user, ticketId, userId, context);
  }
}
