import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WorkingCalendar, WorkingCalendarService } from '@liaison/directory';
import { AuthUser } from '@liaison/identity';
import { Clock, decodeCursor, Page, pageOf } from '@liaison/platform';
import { slaOutcomes } from '../sla/sla.policy';
import { allowedTransitions, OPEN_STATUSES, TicketStatus, WorkflowActor } from '../workflow/workflow.policy';
import { authorityFacts } from './authority-facts';
import { directoryWarnings, FilingFacts } from './filing.policy';
import { ticketVisibleTo, visibleTicket } from './ticket-access';
import { TicketCrypto } from './ticket-crypto';
import type { Ref, TicketDetail, TicketSummary, TimelineEntry } from './ticket-views';
import { Ticket } from './ticket.entity';

export type TicketSort = 'newest' | 'oldest' | 'due' | 'updated' | 'priority';

export interface TicketListQuery {
  status?: TicketStatus[];
  priority?: string[];
  networkId?: string;
  stateCode?: string;
  cooperationType?: string;
  assigneeId?: string;
  unassigned?: boolean;
  overdue?: boolean;
  reference?: string;
  sort?: TicketSort;
  cursor?: string;
  limit: number;
}

const PRIORITY_RANK = `array_position(ARRAY['low','normal','high','urgent']::text[], ht.priority)`;
const micros = (column: string) => `(extract(epoch from ${column}) * 1000000)::bigint`;

/**
 * One part of a sort's keyset: the value the cursor carries (`select`, an integer), what the query orders
 * and compares by (`order`), and how a cursor value becomes comparable to it (`param`). Timestamps order
 * by the column itself, so an index on it serves the page and stops after the limit; the cursor carries
 * its microseconds, exactly.
 */
interface KeyPart {
  select: string;
  order: string;
  param: (name: string) => string;
}
const asIs = (expression: string): KeyPart => ({ select: expression, order: expression, param: (name) => name });
const instant = (column: string): KeyPart => ({
  select: micros(column),
  order: column,
  param: (name) => `(timestamptz 'epoch' + ${name}::bigint * interval '1 microsecond')`,
});

/** The cursor's value for a ticket with no deadline (later than any instant). */
const NO_DUE = '999999999999999999';
/**
 * The deadline, paused and stopped clocks last: ordered by `COALESCE(due_at, 'infinity')`, which the index
 * `helpdesk_tickets_due_order_idx` holds with the id, so an overdue page reads its 50 tickets in index order
 * (they come first) instead of sorting every overdue ticket; the cursor carries microseconds or NO_DUE.
 */
const DUE: KeyPart = {
  select: `COALESCE(${micros('ht.due_at')}, ${NO_DUE})`,
  order: `COALESCE(ht.due_at, 'infinity'::timestamptz)`,
  param: (name) =>
    `(CASE WHEN ${name}::bigint = ${NO_DUE} THEN 'infinity'::timestamptz ELSE timestamptz 'epoch' + ${name}::bigint * interval '1 microsecond' END)`,
};

/** The key each sort pages by, all parts in one direction, the id last. */
const SORTS: Record<TicketSort, { keys: KeyPart[]; direction: 'ASC' | 'DESC' }> = {
  newest: { keys: [instant('ht.created_at')], direction: 'DESC' },
  oldest: { keys: [instant('ht.created_at')], direction: 'ASC' },
  // Paused and stopped clocks (no deadline) come last. Ordered by the expression the due-order index holds.
  due: { keys: [DUE], direction: 'ASC' },
  updated: { keys: [instant('ht.updated_at')], direction: 'DESC' },
  priority: { keys: [asIs(PRIORITY_RANK), instant('ht.created_at')], direction: 'DESC' },
};

interface SummaryRow {
  id: string;
  reference: string;
  status: TicketStatus;
  priority: string;
  requester_authority_id: string;
  requester_authority_name: string;
  requester_state_code: string;
  requested_state_code: string;
  requested_authority_id: string | null;
  requested_authority_name: string | null;
  cooperation_type: string;
  offence_category: string;
  blockage_reason: string;
  urgency: string[];
  deadline: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  due_at: Date | null;
  response_due_at: Date | null;
  resolution_due_at: Date | null;
  first_response_at: Date | null;
  response_working_s: number | null;
  resolution_working_s: number | null;
  paused: boolean;
  sla_response_target_s: number;
  sla_resolution_target_s: number;
  resolved_at: Date | null;
  overdue: boolean;
  created_at: Date;
  updated_at: Date;
  k0: string;
  k1?: string;
}

const OPEN_SQL = `ht.status IN (${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`;
/** Overdue: a running SLA clock is past its deadline (due_at is null while paused or stopped). */
const OVERDUE_SQL = `(ht.due_at IS NOT NULL AND ht.due_at < :now)`;
const iso = (at: Date | null) => (at ? at.toISOString() : null);

const targetHours = (seconds: number) => (seconds > 0 ? seconds / 3600 : null);

/** A summary from its row; the SLA outcomes are computed from the stored durations and targets. */
function summaryOf(row: SummaryRow, calendar: WorkingCalendar): TicketSummary {
  const outcomes = slaOutcomes(calendar, {
    status: row.status,
    deadline: row.deadline,
    slaResponseTargetS: row.sla_response_target_s,
    slaResolutionTargetS: row.sla_resolution_target_s,
    responseWorkingS: row.response_working_s,
    resolutionWorkingS: row.resolution_working_s,
    resolvedAt: row.resolved_at,
  });
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    priority: row.priority,
    requesterAuthority: { id: row.requester_authority_id, name: row.requester_authority_name },
    requesterStateCode: row.requester_state_code,
    requestedStateCode: row.requested_state_code,
    requestedAuthority: row.requested_authority_id
      ? { id: row.requested_authority_id, name: row.requested_authority_name ?? '' }
      : null,
    cooperationType: row.cooperation_type,
    offenceCategory: row.offence_category,
    blockageReason: row.blockage_reason,
    urgency: row.urgency,
    deadline: row.deadline,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    dueAt: iso(row.due_at),
    sla: {
      responseDueAt: iso(row.response_due_at),
      resolutionDueAt: iso(row.resolution_due_at),
      firstResponseAt: iso(row.first_response_at),
      responseWorkingSeconds: row.response_working_s,
      resolutionWorkingSeconds: row.resolution_working_s,
      paused: row.paused,
      responseTargetHours: targetHours(row.sla_response_target_s),
      resolutionTargetHours: targetHours(row.sla_resolution_target_s),
      responseOutcome: outcomes.response,
      resolutionOutcome: outcomes.resolution,
    },
    overdue: row.overdue,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The triage queue and a ticket's page: who sees what is in the SQL, before any limit. */
@Injectable()
export class TicketQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly crypto: TicketCrypto,
    private readonly clock: Clock,
    private readonly calendars: WorkingCalendarService,
  ) {}

  private summaries(manager: EntityManager) {
    return manager
      .createQueryBuilder(Ticket, 'ht')
      .innerJoin('authorities', 'ra', 'ra.id = ht.requester_authority_id')
      .leftJoin('authorities', 'qa', 'qa.id = ht.requested_authority_id')
      .leftJoin('users', 'au', 'au.id = ht.assignee_id')
      .select([
        'ht.id AS id',
        'ht.reference AS reference',
        'ht.status AS status',
        'ht.priority AS priority',
        'ht.requester_authority_id AS requester_authority_id',
        'ra.name AS requester_authority_name',
        'ht.requester_state_code AS requester_state_code',
        'ht.requested_state_code AS requested_state_code',
        'ht.requested_authority_id AS requested_authority_id',
        'qa.name AS requested_authority_name',
        'ht.cooperation_type AS cooperation_type',
        'ht.offence_category AS offence_category',
        'ht.blockage_reason AS blockage_reason',
        'ht.urgency AS urgency',
        "to_char(ht.deadline, 'YYYY-MM-DD') AS deadline",
        'ht.assignee_id AS assignee_id',
        'au.display_name AS assignee_name',
        'ht.due_at AS due_at',
        'ht.response_due_at AS response_due_at',
        'ht.resolution_due_at AS resolution_due_at',
        'ht.first_response_at AS first_response_at',
        'ht.response_working_s AS response_working_s',
        'ht.resolution_working_s AS resolution_working_s',
        `(${OPEN_SQL} AND ht.sla_running_since IS NULL) AS paused`,
        'ht.sla_response_target_s AS sla_response_target_s',
        'ht.sla_resolution_target_s AS sla_resolution_target_s',
        'ht.resolved_at AS resolved_at',
        'ht.created_at AS created_at',
        'ht.updated_at AS updated_at',
      ])
      .addSelect(OVERDUE_SQL, 'overdue')
      .setParameter('now', this.clock.now());
  }

  /** The tickets the caller sees, filtered and sorted, by keyset pages (the scope is in the SQL, before the limit). */
  async list(user: AuthUser, query: TicketListQuery): Promise<Page<TicketSummary>> {
    const sort = SORTS[query.sort ?? 'newest'];
    const after = decodeCursor(query.cursor, [...sort.keys.map(() => 'integer' as const), 'uuid']);
    const builder = this.summaries(this.dataSource.manager)
      .where(ticketVisibleTo(':me'), { me: user.id })
      .limit(query.limit + 1);
    sort.keys.forEach((key, index) => builder.addSelect(key.select, `k${index}`));
    if (query.status?.length) builder.andWhere('ht.status IN (:...status)', { status: query.status });
    if (query.priority?.length) builder.andWhere('ht.priority IN (:...priority)', { priority: query.priority });
    if (query.networkId)
      builder.andWhere(
        'EXISTS (SELECT 1 FROM helpdesk_ticket_networks tn WHERE tn.ticket_id = ht.id AND tn.network_id = :networkId)',
        { networkId: query.networkId },
      );
    if (query.stateCode)
      builder.andWhere('(ht.requested_state_code = :stateCode OR ht.requester_state_code = :stateCode)', {
        stateCode: query.stateCode,
      });
    if (query.cooperationType)
      builder.andWhere('ht.cooperation_type = :cooperationType', { cooperationType: query.cooperationType });
    if (query.assigneeId) builder.andWhere('ht.assignee_id = :assigneeId', { assigneeId: query.assigneeId });
    if (query.unassigned) builder.andWhere('ht.assignee_id IS NULL');
    if (query.overdue !== undefined) builder.andWhere(query.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`);
    if (query.reference) builder.andWhere('ht.reference = :reference', { reference: query.reference.toUpperCase() });
    const keys = [...sort.keys, asIs('ht.id')];
    if (after) {
      const params = Object.fromEntries(after.map((value, index) => [`after${index}`, value]));
      builder.andWhere(
        `(${keys.map((key) => key.order).join(', ')}) ${sort.direction === 'DESC' ? '<' : '>'} (${keys.map((key, index) => key.param(`:after${index}`)).join(', ')})`,
        params,
      );
    }
    for (const key of keys) builder.addOrderBy(key.order, sort.direction);
    const rows = await builder.getRawMany<SummaryRow>();
    const page = pageOf(rows, query.limit, (row) => [
      ...sort.keys.map((_, index) => String(row[`k${index}` as 'k0'])),
      row.id,
    ]);
    const calendar = await this.calendars.get();
    return { items: page.items.map((row) => summaryOf(row, calendar)), nextCursor: page.nextCursor };
  }

  async get(user: AuthUser, ticketId: string, manager: EntityManager = this.dataSource.manager): Promise<TicketDetail> {
    const { ticket, relation } = await visibleTicket(manager, user.id, ticketId);
    const row = await this.summaries(manager)
      .addSelect(
        "ht.legal_basis AS legal_basis, ht.legal_instrument AS legal_instrument, to_char(ht.date_sent, 'YYYY-MM-DD') AS date_sent, to_char(ht.blocked_since, 'YYYY-MM-DD') AS blocked_since",
      )
      .where('ht.id = :id', { id: ticketId })
      .getRawOne<
        SummaryRow & {
          legal_basis: string;
          legal_instrument: string | null;
          date_sent: string;
          blocked_since: string | null;
        }
      >();
    if (!row) throw new NotFoundException('No such ticket');
    const opened = await this.crypto.open(ticket, {
      description: ticket.descriptionSealed,
      'requester-reference': ticket.requesterReferenceSealed,
      'blockage-details': ticket.blockageDetailsSealed,
    });
    const networks = (await manager.query(
      `SELECT n.id, n.name FROM helpdesk_ticket_networks tn JOIN networks n ON n.id = tn.network_id
        WHERE tn.ticket_id = $1 ORDER BY n.name`,
      [ticketId],
    )) as Ref[];
    const counterparts = (await manager.query(
      `SELECT u.id, u.display_name AS name FROM helpdesk_ticket_counterparts c JOIN users u ON u.id = c.user_id
        WHERE c.ticket_id = $1 ORDER BY c.invited_at, u.id`,
      [ticketId],
    )) as Ref[];
    const timeline = (
      (await manager.query(
        `SELECT e.id, e.actor_id, u.display_name AS actor_name, e.action, e.old_value, e.new_value, e.created_at
           FROM helpdesk_ticket_events e LEFT JOIN users u ON u.id = e.actor_id
          WHERE e.ticket_id = $1 ORDER BY e.id`,
        [ticketId],
      )) as {
        id: string;
        actor_id: string | null;
        actor_name: string | null;
        action: string;
        old_value: string | null;
        new_value: string | null;
        created_at: Date;
      }[]
    ).map((event): TimelineEntry => ({
      id: String(event.id),
      actor: event.actor_id ? { id: event.actor_id, name: event.actor_name ?? '' } : null,
      action: event.action,
      oldValue: event.old_value,
      newValue: event.new_value,
      at: event.created_at.toISOString(),
    }));
    const duplicate = ticket.duplicateOf
      ? await manager.findOne(Ticket, { where: { id: ticket.duplicateOf }, select: { id: true, reference: true } })
      : null;
    const requestedAuthorityFacts = ticket.requestedAuthorityId
      ? await authorityFacts(manager, ticket.requestedAuthorityId)
      : null;
    const actor: WorkflowActor | null =
      relation === 'secretariat' ? 'secretariat' : relation === 'requester' ? 'requester' : null;
    const unreadable =
      opened.description === null ||
      opened['requester-reference'] === null ||
      (ticket.blockageDetailsSealed !== null && opened['blockage-details'] === null);
    return {
      ...summaryOf(row, await this.calendars.get(manager)),
      legalBasis: row.legal_basis,
      legalInstrument: row.legal_instrument,
      dateSent: row.date_sent,
      channel: ticket.channel,
      blockedSince: row.blocked_since,
      refusalGround: ticket.refusalGround,
      description: opened.description ?? null,
      requesterReference: opened['requester-reference'] ?? null,
      blockageDetails: opened['blockage-details'] ?? null,
      unreadable,
      outcome: ticket.outcome,
      outcomeGround: ticket.outcomeGround,
      duplicateOf: duplicate ? { id: duplicate.id, reference: duplicate.reference } : null,
      networks,
      counterparts,
      timeline,
      publicThreadId: ticket.publicThreadId,
      internalThreadId: relation === 'secretariat' ? ticket.internalThreadId : null,
      viewer: relation,
      allowedTransitions: actor === 'secretariat' ? allowedTransitions(ticket.status, actor) : [],
      canWithdraw: actor === 'requester' && OPEN_STATUSES.includes(ticket.status),
      requestedAuthorityFacts,
      warnings: directoryWarnings(
        {
          channel: ticket.channel as FilingFacts['channel'],
          cooperationType: ticket.cooperationType as FilingFacts['cooperationType'],
        },
        requestedAuthorityFacts,
      ),
    };
  }
}
