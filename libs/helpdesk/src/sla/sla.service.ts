import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { afterCommit, AppConfig, Clock, jobId, parseSlaHours, Queues, SlaHours } from '@liaison/platform';
import { WorkingCalendar, WorkingCalendarService } from '@liaison/directory';
import { PeopleService } from '@liaison/identity';
import { Notifier } from '@liaison/notifications';
import { OPEN_STATUSES } from '../workflow/workflow.policy';
import { Ticket } from '../tickets/ticket.entity';
import { TicketEvent } from '../tickets/ticket-event.entity';
import { nextSla, SLA_CLOCKS, SlaClock, SlaColumns, shouldWarn, warningAt } from './sla.policy';

export const SLA_WARNING_QUEUE = 'helpdesk.sla-warning';
export const SLA_WARNING_NOTICE = 'helpdesk.sla-warning';

declare module '@liaison/platform' {
  interface QueueJobMap {
    /** Warns the assignee before a clock's deadline `dueAt` (ms); re-checked when it runs. */
    'helpdesk.sla-warning': { ticketId: string; clock: 'response' | 'resolution'; dueAt: number };
  }
}

export interface ExpectedWarning {
  id: string;
  payload: { ticketId: string; clock: SlaClock; dueAt: number };
  runAt: Date;
}

/**
 * The SLA clocks of tickets: re-planned in the transaction of every change that moves them (status,
 * priority, the first response, the calendar), counted in the secretariat's working calendar; a delayed
 * job per pending deadline warns the assignee before it passes.
 */
@Injectable()
export class SlaService {
  private readonly hours: SlaHours;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: WorkingCalendarService,
    private readonly queues: Queues,
    private readonly notifier: Notifier,
    private readonly people: PeopleService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    const hours = parseSlaHours(config.HELPDESK_SLA_HOURS);
    if (!hours) throw new Error('HELPDESK_SLA_HOURS is invalid');
    this.hours = hours;
  }

  targets(priority: string) {
    return this.hours[priority as keyof SlaHours] ?? this.hours.normal;
  }

  /**
   * The clocks of a ticket being filed (they start now), computed before the reference counter is locked
   * so that concurrent filings wait on each other for as little as possible; `schedule` queues the
   * warnings after commit.
   */
  async atFiling(
    manager: EntityManager,
    ticketId: string,
    priority: string,
    deadline: string | null,
  ): Promise<{ columns: SlaColumns; schedule: () => void }> {
    const calendar = await this.calendars.get(manager);
    const columns = nextSla(
      calendar,
      this.targets(priority),
      {
        status: 'new',
        deadline,
        firstResponseAt: null,
        slaElapsedS: 0,
        slaRunningSince: null,
        responseWorkingS: null,
        resolutionWorkingS: null,
      },
      this.clock.now(),
    );
    return {
      columns,
      schedule: () => this.schedule(manager, this.warningsFor(calendar, { id: ticketId, ...columns })),
    };
  }

  private schedule(manager: EntityManager, jobs: ExpectedWarning[]): void {
    if (jobs.length > 0)
      afterCommit(manager, () =>
        Promise.all(
          jobs.map((job) =>
            this.queues.add(SLA_WARNING_QUEUE, job.id, job.payload, { runAt: job.runAt }).catch(() => undefined),
          ),
        ),
      );
  }

  /** Re-plans a ticket's clocks after a change made in `manager`'s transaction (the row is locked by it). */
  async sync(manager: EntityManager, ticketId: string, calendar?: WorkingCalendar): Promise<void> {
    const ticket = await manager.findOneOrFail(Ticket, { where: { id: ticketId } });
    const cal = calendar ?? (await this.calendars.get(manager));
    const columns = nextSla(cal, this.targets(ticket.priority), ticket, this.clock.now());
    await manager.update(Ticket, { id: ticketId }, columns);
    this.schedule(manager, this.warningsFor(cal, { ...ticket, ...columns }));
  }

  /** The calendar changed: every ticket whose clock runs gets its deadlines re-planned, in that transaction. */
  async syncAll(manager: EntityManager): Promise<void> {
    const calendar = await this.calendars.get(manager);
    const rows = (await manager.query(
      `SELECT id FROM helpdesk_tickets WHERE sla_running_since IS NOT NULL ORDER BY id FOR UPDATE`,
    )) as { id: string }[];
    for (const row of rows) await this.sync(manager, row.id, calendar);
  }

  private warningsFor(
    calendar: WorkingCalendar,
    ticket: Pick<Ticket, 'id' | 'responseDueAt' | 'resolutionDueAt' | 'slaResponseTargetS' | 'slaResolutionTargetS'>,
  ): ExpectedWarning[] {
    const now = this.clock.now();
    const jobs: ExpectedWarning[] = [];
    for (const clock of SLA_CLOCKS) {
      const due = clock === 'response' ? ticket.responseDueAt : ticket.resolutionDueAt;
      if (!due || due <= now) continue;
      const target = clock === 'response' ? ticket.slaResponseTargetS : ticket.slaResolutionTargetS;
      jobs.push({
        id: jobId('sla-warning', ticket.id, clock, String(due.getTime())),
        payload: { ticketId: ticket.id, clock, dueAt: due.getTime() },
        runAt: warningAt(calendar, due, target, this.config.HELPDESK_SLA_WARNING_PERCENT),
      });
    }
    return jobs;
  }

  /** What the sweep re-creates if Redis lost it: a warning job per pending deadline not yet warned. */
  async expectedWarnings(): Promise<ExpectedWarning[]> {
    const calendar = await this.calendars.get();
    const tickets = await this.dataSource
      .createQueryBuilder(Ticket, 't')
      .select(['t.id', 't.responseDueAt', 't.resolutionDueAt', 't.slaResponseTargetS', 't.slaResolutionTargetS'])
      .where('t.due_at IS NOT NULL AND t.due_at > :now', { now: this.clock.now() })
      .getMany();
    const warned = new Set(
      (
        (await this.dataSource.query(
          `SELECT w.ticket_id, w.clock, w.due_at FROM helpdesk_sla_warnings w
             JOIN helpdesk_tickets t ON t.id = w.ticket_id WHERE t.due_at > $1`,
          [this.clock.now()],
        )) as { ticket_id: string; clock: string; due_at: Date }[]
      ).map((row) => `${row.ticket_id}/${row.clock}/${row.due_at.getTime()}`),
    );
    return tickets
      .flatMap((ticket) => this.warningsFor(calendar, ticket))
      .filter(({ payload }) => !warned.has(`${payload.ticketId}/${payload.clock}/${payload.dueAt}`));
  }

  /**
   * The warning job: re-checks the ticket now (still that deadline, not passed: not answered, paused,
   * resolved or re-planned) and claims the warning in PostgreSQL before telling the assignee, or the
   * secretariat when nobody is assigned. Returns whether it warned.
   */
  async warn(ticketId: string, clock: SlaClock, dueAt: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await manager.findOne(Ticket, { where: { id: ticketId }, lock: { mode: 'pessimistic_write' } });
      const due = new Date(dueAt);
      if (!ticket || !OPEN_STATUSES.includes(ticket.status) || !shouldWarn(ticket, clock, due, this.clock.now()))
        return false;
      const claimed = (await manager.query(
        `INSERT INTO helpdesk_sla_warnings (ticket_id, clock, due_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING ticket_id`,
        [ticketId, clock, due],
      )) as unknown[];
      if (claimed.length === 0) return false;
      await manager.insert(TicketEvent, {
        ticketId,
        actorId: null,
        action: 'sla-warning',
        oldValue: null,
        newValue: clock,
      });
      const recipients = ticket.assigneeId
        ? [ticket.assigneeId]
        : (await this.people.find({ roles: ['secretariat'], status: 'active' }, manager)).map((person) => person.id);
      await this.notifier.notify(manager, {
        kind: SLA_WARNING_NOTICE,
        recipients,
        actorId: null,
        reference: ticket.reference,
        link: `/helpdesk/tickets/${ticket.id}`,
      });
      return true;
    });
  }
}
