import { ForbiddenException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  afterCommit,
  AppConfig,
  AuditContext,
  AuditService,
  Clock,
  decodeCursor,
  jobId,
  Page,
  pageOf,
  ProblemException,
  Queues,
  ValidationProblem,
} from '@liaison/platform';
import { AuthUser, PeopleService } from '@liaison/identity';
import { Notifier } from '@liaison/notifications';
import { RealtimeEmitter } from '@liaison/realtime';
import { ThreadsService } from '@liaison/messaging';
import { QUEUE_ROOM } from '../helpdesk-events';
import { Outcome, OUTCOMES, PRIORITIES, REFUSAL_GROUNDS } from '../vocabulary';
import {
  allowedTransitions,
  autoCloseAt,
  mayTransition,
  OPEN_STATUSES,
  shouldAutoClose,
  TicketStatus,
  WorkflowActor,
} from '../workflow/workflow.policy';
import { directoryWarnings, FilingFacts, missingFacts } from './filing.policy';
import { formatReference, yearIn } from './reference';
import { ticketRelationOf, TicketRelation, ticketVisibleTo } from './ticket-access';
import { TicketCrypto } from './ticket-crypto';
import { TicketCounterpart } from './ticket-counterpart.entity';
import { TicketEvent } from './ticket-event.entity';
import { TicketNetwork } from './ticket-network.entity';
import { Ticket } from './ticket.entity';
import { SlaService } from '../sla/sla.service';
import type { AuthorityFacts, FilingCheck, Ref, TicketDetail, TicketSummary, TimelineEntry } from './ticket-views';

export const TICKET_KIND = 'ticket';
export const TICKET_INTERNAL_KIND = 'ticket-internal';
export const HELPDESK_OWNER = 'helpdesk';
export const AUTO_CLOSE_QUEUE = 'helpdesk.auto-close';

declare module '@liaison/platform' {
  interface QueueJobMap {
    /** Closes a resolved ticket once its 14 days have passed (re-checked when it runs). */
    'helpdesk.auto-close': { ticketId: string };
  }
}

export const NOTICE = {
  filed: 'helpdesk.ticket-filed',
  assigned: 'helpdesk.ticket-assigned',
  statusChanged: 'helpdesk.status-changed',
  publicMessage: 'helpdesk.public-message',
  counterpartInvited: 'helpdesk.counterpart-invited',
} as const;

export interface FilingInput extends FilingFacts {
  networkId?: string;
}

export interface StatusChange {
  status: TicketStatus;
  outcome?: Outcome;
  outcomeGround?: string;
  duplicateOf?: string;
}

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

/** The key each sort pages by, all parts in one direction, the id last. */
const SORTS: Record<TicketSort, { keys: KeyPart[]; direction: 'ASC' | 'DESC' }> = {
  newest: { keys: [instant('ht.created_at')], direction: 'DESC' },
  oldest: { keys: [instant('ht.created_at')], direction: 'ASC' },
  // Paused and stopped clocks (no deadline) come last.
  due: { keys: [asIs(`COALESCE(${micros('ht.due_at')}, 999999999999999999)`)], direction: 'ASC' },
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

function summaryOf(row: SummaryRow): TicketSummary {
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
    },
    overdue: row.overdue,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Helpdesk tickets: filing (missing facts named field by field, directory warnings, a gapless reference
 * from a counter row locked in the filing's transaction), who sees what (in the SQL), the workflow, the
 * triage queue, assignment and counterparts. Every change is a timeline event and an audit entry, and
 * tells the triage queue live.
 */
@Injectable()
export class TicketsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly crypto: TicketCrypto,
    private readonly threads: ThreadsService,
    private readonly notifier: Notifier,
    private readonly emitter: RealtimeEmitter,
    private readonly audit: AuditService,
    private readonly queues: Queues,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly people: PeopleService,
    private readonly sla: SlaService,
  ) {}

  // --- Filing ---------------------------------------------------------------------------------------

  private async authorityFacts(manager: EntityManager, id: string): Promise<AuthorityFacts | null> {
    const [row] = (await manager.query(
      `SELECT id, name, state_code, documents_required, channels, languages, categories, accepts_interpol
         FROM authorities WHERE id = $1`,
      [id],
    )) as {
      id: string;
      name: string;
      state_code: string;
      documents_required: string[];
      channels: string[];
      languages: string[];
      categories: string[];
      accepts_interpol: boolean;
    }[];
    return row
      ? {
          id: row.id,
          name: row.name,
          stateCode: row.state_code,
          documentsRequired: row.documents_required,
          channels: row.channels,
          languages: row.languages,
          categories: row.categories,
          acceptsInterpol: row.accepts_interpol,
        }
      : null;
  }

  private async filerAuthority(manager: EntityManager, user: AuthUser): Promise<{ id: string; stateCode: string }> {
    const [row] = (await manager.query(
      `SELECT a.id, a.state_code FROM users u JOIN authorities a ON a.id = u.authority_id
        WHERE u.id = $1 AND u.role IN ('focal_point', 'coordinator') AND u.status = 'active'`,
      [user.id],
    )) as { id: string; state_code: string }[];
    if (!row) throw new ForbiddenException('Only a focal point files a ticket, for their own authority');
    return { id: row.id, stateCode: row.state_code };
  }

  private async sharedNetworks(manager: EntityManager, a: string, b: string): Promise<Ref[]> {
    return (await manager.query(
      `SELECT n.id, n.name FROM networks n
         JOIN network_states x ON x.network_id = n.id AND x.state_code = $1
         JOIN network_states y ON y.network_id = n.id AND y.state_code = $2
        ORDER BY n.name`,
      [a, b],
    )) as Ref[];
  }

  /** What the form shows while the focal point fills it in: missing facts, warnings, the directory's facts. */
  async check(user: AuthUser, facts: FilingInput): Promise<FilingCheck> {
    const manager = this.dataSource.manager;
    const own = await this.filerAuthority(manager, user);
    const requestedAuthority = facts.requestedAuthorityId
      ? await this.authorityFacts(manager, facts.requestedAuthorityId)
      : null;
    const requestedState = facts.requestedStateCode ?? requestedAuthority?.stateCode;
    return {
      missing: missingFacts(facts),
      warnings: directoryWarnings(facts, requestedAuthority),
      requestedAuthority,
      sharedNetworks: requestedState ? await this.sharedNetworks(manager, own.stateCode, requestedState) : [],
    };
  }

  async file(user: AuthUser, input: FilingInput, context: AuditContext): Promise<TicketDetail> {
    const missing = missingFacts(input);
    if (missing.length > 0) throw new ValidationProblem(missing);
    const facts = input as Required<FilingFacts> & FilingInput;
    const id = await this.dataSource.transaction(async (manager) => {
      const own = await this.filerAuthority(manager, user);
      const state = (await manager.query('SELECT 1 FROM states WHERE code = $1', [facts.requestedStateCode])) as [];
      if (state.length === 0) throw new ValidationProblem([{ field: 'requestedStateCode', message: 'no such State' }]);
      if (facts.requestedAuthorityId) {
        const authority = await this.authorityFacts(manager, facts.requestedAuthorityId);
        if (!authority || authority.stateCode !== facts.requestedStateCode)
          throw new ValidationProblem([
            { field: 'requestedAuthorityId', message: 'no such authority of the requested State' },
          ]);
        if (authority.id === own.id)
          throw new ValidationProblem([{ field: 'requestedAuthorityId', message: 'is your own authority' }]);
      }
      const networks = await this.networksFor(manager, own.stateCode, facts.requestedStateCode, input.networkId);
      const now = this.clock.now();
      const ticketId = randomUUID();
      const { key, wrappedKey, masterKeyId } = this.crypto.newKey(ticketId);
      const urgent = (facts.urgency?.length ?? 0) > 0;
      const priority = urgent ? 'high' : 'normal';
      // The SLA clocks start at filing, in the secretariat's working calendar.
      const sla = await this.sla.atFiling(manager, ticketId, priority, facts.deadline ?? null);
      // Everything that can fail has been checked: the counter row is locked as late as possible, so
      // concurrent filings wait on each other only for the inserts below.
      const year = yearIn(now, this.config.HELPDESK_TIME_ZONE);
      const [{ last_number: number }] = (await manager.query(
        `INSERT INTO helpdesk_reference_counters (year, last_number) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last_number = helpdesk_reference_counters.last_number + 1
         RETURNING last_number`,
        [year],
      )) as { last_number: number }[];
      const reference = formatReference(year, number);
      const publicThreadId = await this.threads.createOfKind(
        TICKET_KIND,
        { createdBy: user.id, subject: reference },
        manager,
      );
      const internalThreadId = await this.threads.createOfKind(
        TICKET_INTERNAL_KIND,
        { createdBy: user.id, subject: reference },
        manager,
      );
      await manager.insert(Ticket, {
        id: ticketId,
        reference,
        year,
        number,
        status: 'new',
        priority,
        filedBy: user.id,
        requesterAuthorityId: own.id,
        requesterStateCode: own.stateCode,
        requestedStateCode: facts.requestedStateCode,
        requestedAuthorityId: facts.requestedAuthorityId ?? null,
        cooperationType: facts.cooperationType,
        offenceCategory: facts.offenceCategory,
        legalBasis: facts.legalBasis,
        legalInstrument: facts.legalInstrument?.trim() || null,
        dateSent: facts.dateSent,
        channel: facts.channel,
        blockageReason: facts.blockageReason,
        blockedSince: facts.blockedSince ?? null,
        refusalGround: facts.blockageReason === 'refused' ? (facts.refusalGround ?? null) : null,
        urgency: facts.urgency ?? [],
        deadline: facts.deadline ?? null,
        wrappedKey,
        masterKeyId,
        descriptionSealed: this.crypto.seal(ticketId, key, 'description', facts.description.trim()),
        requesterReferenceSealed: this.crypto.seal(
          ticketId,
          key,
          'requester-reference',
          facts.requesterReference.trim(),
        ),
        blockageDetailsSealed: facts.blockageDetails?.trim()
          ? this.crypto.seal(ticketId, key, 'blockage-details', facts.blockageDetails.trim())
          : null,
        publicThreadId,
        internalThreadId,
        ...sla.columns,
      });
      sla.schedule();
      await manager.insert(
        TicketNetwork,
        networks.map((networkId) => ({ ticketId, networkId })),
      );
      await this.record(manager, ticketId, user.id, 'filed', null, 'new');
      await this.audit.append(
        {
          ...context,
          actorId: user.id,
          action: 'helpdesk.ticket-filed',
          targetType: 'ticket',
          targetId: ticketId,
          details: { reference, requestedStateCode: facts.requestedStateCode, cooperationType: facts.cooperationType },
        },
        manager,
      );
      await this.notifier.notify(manager, {
        kind: NOTICE.filed,
        recipients: await this.secretariatIds(manager),
        actorId: user.id,
        reference,
        link: `/helpdesk/tickets/${ticketId}`,
      });
      this.changed(manager, { ticketId, reference, status: 'new' });
      return ticketId;
    });
    return this.get(user, id);
  }

  private async networksFor(
    manager: EntityManager,
    own: string,
    requested: string,
    chosen: string | undefined,
  ): Promise<string[]> {
    const shared = await this.sharedNetworks(manager, own, requested);
    if (shared.length > 0) return shared.map((network) => network.id);
    if (!chosen)
      throw new ValidationProblem([
        { field: 'networkId', message: 'the two States share no network: choose the one the ticket belongs to' },
      ]);
    const allowed = (await manager.query('SELECT 1 FROM network_states WHERE network_id = $1 AND state_code = $2', [
      chosen,
      own,
    ])) as [];
    if (allowed.length === 0)
      throw new ValidationProblem([{ field: 'networkId', message: 'no such network of your State' }]);
    return [chosen];
  }

  // --- Reading --------------------------------------------------------------------------------------

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
    return { items: page.items.map(summaryOf), nextCursor: page.nextCursor };
  }

  /** The ticket and the caller's relation to it; 404 unless they see it. */
  private async visible(
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

  async get(user: AuthUser, ticketId: string, manager: EntityManager = this.dataSource.manager): Promise<TicketDetail> {
    const { ticket, relation } = await this.visible(manager, user.id, ticketId);
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
      ? await this.authorityFacts(manager, ticket.requestedAuthorityId)
      : null;
    const actor: WorkflowActor | null =
      relation === 'secretariat' ? 'secretariat' : relation === 'requester' ? 'requester' : null;
    const unreadable =
      opened.description === null ||
      opened['requester-reference'] === null ||
      (ticket.blockageDetailsSealed !== null && opened['blockage-details'] === null);
    return {
      ...summaryOf(row),
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

  // --- Workflow -------------------------------------------------------------------------------------

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
      const { ticket, relation } = await this.visible(manager, user.id, ticketId, true);
      if (relation !== 'secretariat')
        throw new ForbiddenException('Only the secretariat moves a ticket through its workflow');
      if (!mayTransition(ticket.status, change.status, 'secretariat'))
        this.refuseTransition(ticket.status, change.status, 'secretariat');
      if (change.status === 'resolved') await this.requireOutcome(manager, ticket, change);
      await this.move(manager, ticket, change.status, user.id, context, change);
    });
    return this.get(user, ticketId);
  }

  /** The requester withdraws an open ticket: it is resolved with the outcome "withdrawn". */
  async withdraw(user: AuthUser, ticketId: string, context: AuditContext): Promise<TicketDetail> {
    await this.dataSource.transaction(async (manager) => {
      const { ticket, relation } = await this.visible(manager, user.id, ticketId, true);
      if (relation !== 'requester') throw new ForbiddenException('Only the requesting authority withdraws its ticket');
      if (!mayTransition(ticket.status, 'resolved', 'requester'))
        this.refuseTransition(ticket.status, 'resolved', 'requester');
      await this.move(manager, ticket, 'resolved', user.id, context, { status: 'resolved', outcome: 'withdrawn' });
    });
    return this.get(user, ticketId);
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
    await this.record(manager, ticket.id, actorId, 'status', from, to);
    if (to === 'resolved') await this.record(manager, ticket.id, actorId, 'outcome', null, changes.outcome ?? null);
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
    this.changed(manager, { ticketId: ticket.id, reference: ticket.reference, status: to });
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
      await this.record(manager, ticket.id, authorId, 'first-response', null, null);
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
      const { ticket, relation } = await this.visible(manager, user.id, ticketId, true);
      if (relation !== 'secretariat') throw new ForbiddenException('Only the secretariat triages tickets');
      if (changes.priority !== undefined && changes.priority !== ticket.priority) {
        if (!(PRIORITIES as readonly string[]).includes(changes.priority))
          throw new ValidationProblem([{ field: 'priority', message: 'no such priority' }]);
        await manager.update(Ticket, { id: ticket.id }, { priority: changes.priority });
        // The targets follow the priority: the deadlines are re-planned from the working time already used.
        await this.sla.sync(manager, ticket.id);
        await this.record(manager, ticket.id, user.id, 'priority', ticket.priority, changes.priority);
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
      this.changed(manager, { ticketId: ticket.id, reference: ticket.reference, status: ticket.status });
    });
    return this.get(user, ticketId);
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
    await this.record(manager, ticket.id, user.id, 'assignee', ticket.assigneeId, assigneeId);
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
        this.changed(manager, { ticketId: ticket.id, reference: ticket.reference, status: ticket.status });
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
      const { ticket, relation } = await this.visible(manager, user.id, ticketId, true);
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
      await this.record(manager, ticket.id, user.id, 'counterpart-invited', null, userId);
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
    return this.get(user, ticketId);
  }

  // --- Helpers --------------------------------------------------------------------------------------

  private async record(
    manager: EntityManager,
    ticketId: string,
    actorId: string | null,
    action: string,
    oldValue: string | null,
    newValue: string | null,
  ): Promise<void> {
    await manager.insert(TicketEvent, { ticketId, actorId, action, oldValue, newValue });
  }

  private async secretariatIds(manager: EntityManager): Promise<string[]> {
    return (await this.people.find({ roles: ['secretariat'], status: 'active' }, manager)).map((person) => person.id);
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

  private changed(manager: EntityManager, event: { ticketId: string; reference: string; status: string }): void {
    afterCommit(manager, () => this.emitter.toRoom(QUEUE_ROOM, 'helpdesk.ticket-changed', event));
  }
}
