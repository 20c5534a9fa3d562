import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, AuditContext, AuditService, Clock, ValidationProblem } from '@liaison/platform';
import { AuthUser, PeopleService } from '@liaison/identity';
import { Notifier } from '@liaison/notifications';
import { RealtimeEmitter } from '@liaison/realtime';
import { ThreadsService } from '@liaison/messaging';
import { NOTICE } from '../helpdesk-events';
import { SlaService } from '../sla/sla.service';
import { authorityFacts } from './authority-facts';
import { directoryWarnings, FilingFacts, missingFacts } from './filing.policy';
import { formatReference, yearIn } from './reference';
import { announceChange, recordEvent } from './ticket-changes';
import { TicketCrypto } from './ticket-crypto';
import { TicketNetwork } from './ticket-network.entity';
import { TicketQueueService } from './ticket-queue.service';
import type { FilingCheck, Ref, TicketDetail } from './ticket-views';
import { Ticket } from './ticket.entity';

export const TICKET_KIND = 'ticket';
export const TICKET_INTERNAL_KIND = 'ticket-internal';
export const HELPDESK_OWNER = 'helpdesk';

export interface FilingInput extends FilingFacts {
  networkId?: string;
}

/**
 * Filing a ticket: missing facts named field by field, directory warnings, a gapless reference from a
 * counter row locked in the filing's transaction, the ticket's two threads and its SLA clocks.
 */
@Injectable()
export class FilingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly crypto: TicketCrypto,
    private readonly threads: ThreadsService,
    private readonly notifier: Notifier,
    private readonly emitter: RealtimeEmitter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly people: PeopleService,
    private readonly sla: SlaService,
    private readonly queue: TicketQueueService,
  ) {}

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
      ? await authorityFacts(manager, facts.requestedAuthorityId)
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
        const authority = await authorityFacts(manager, facts.requestedAuthorityId);
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
      await recordEvent(manager, ticketId, user.id, 'filed', null, 'new');
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
      announceChange(this.emitter, manager, { ticketId, reference, status: 'new' });
      return ticketId;
    });
    return this.queue.get(user, id);
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

  private async secretariatIds(manager: EntityManager): Promise<string[]> {
    return (await this.people.find({ roles: ['secretariat'], status: 'active' }, manager)).map((person) => person.id);
  }
}
