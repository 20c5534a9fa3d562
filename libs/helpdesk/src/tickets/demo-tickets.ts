import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Keyring, newDataKey, seal } from '@liaison/platform';
import type { ThreadCrypto } from '@liaison/messaging';
import { DEFAULT_CALENDAR } from '@liaison/directory';
import { nextSla } from '../sla/sla.policy';
import type { BlockageReason, CooperationType, LegalBasis, TicketChannel, Urgency } from '../vocabulary';
import type { TicketStatus } from '../workflow/workflow.policy';
import { formatReference, yearIn } from './reference';
import { ticketFactContext, ticketKeyContext } from './ticket-crypto';
import { TicketEvent } from './ticket-event.entity';
import { TicketNetwork } from './ticket-network.entity';
import { Ticket } from './ticket.entity';
import { TICKET_INTERNAL_KIND, TICKET_KIND } from './filing.service';

/** An invented ticket for the demo seed, already at `status` (its timeline says how it got there). */
export interface DemoTicket {
  filedBy: string;
  requesterAuthorityId: string;
  requesterStateCode: string;
  requestedStateCode: string;
  requestedAuthorityId: string | null;
  networkIds: string[];
  status: TicketStatus;
  assigneeId: string | null;
  cooperationType: CooperationType;
  offenceCategory: string;
  legalBasis: LegalBasis;
  channel: TicketChannel;
  blockageReason: BlockageReason;
  blockedSince?: string;
  urgency?: Urgency[];
  deadline?: string;
  dateSent: string;
  requesterReference: string;
  description: string;
  outcome?: string;
  publicMessages?: { authorId: string; body: string }[];
}

/**
 * Writes a demo ticket straight into PostgreSQL, encrypted like a filed one, with its reference from the
 * same counter (the seed runs without the API's services). Messages are sealed but not search-indexed.
 */
export async function insertDemoTicket(
  manager: EntityManager,
  deps: { keyring: Keyring; threadCrypto: ThreadCrypto; timeZone: string; now: Date; secretariatId: string },
  demo: DemoTicket,
): Promise<string> {
  const year = yearIn(deps.now, deps.timeZone);
  const [{ last_number: number }] = (await manager.query(
    `INSERT INTO helpdesk_reference_counters (year, last_number) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_number = helpdesk_reference_counters.last_number + 1 RETURNING last_number`,
    [year],
  )) as { last_number: number }[];
  const reference = formatReference(year, number);
  const thread = async (kind: string, messages: { authorId: string; body: string }[]) => {
    const id = randomUUID();
    const { wrappedKey, masterKeyId } = deps.threadCrypto.newKey(id);
    const sealedThread = { id, wrappedKey };
    await manager.query(
      `INSERT INTO threads (id, kind, network_id, created_by, wrapped_key, master_key_id, subject_sealed, last_seq)
       VALUES ($1, $2, NULL, $3, $4, $5, $6, $7)`,
      [
        id,
        kind,
        demo.filedBy,
        wrappedKey,
        masterKeyId,
        deps.threadCrypto.seal(sealedThread, { kind: 'subject', threadId: id }, reference),
        messages.length,
      ],
    );
    for (const [index, message] of messages.entries()) {
      const messageId = randomUUID();
      await manager.query(
        `INSERT INTO messages (id, thread_id, seq, client_id, author_id, body_sealed) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          messageId,
          id,
          index + 1,
          randomUUID(),
          message.authorId,
          deps.threadCrypto.seal(sealedThread, { kind: 'message', messageId }, message.body),
        ],
      );
    }
    return id;
  };
  const ticketId = randomUUID();
  const key = newDataKey();
  const resolved = demo.status === 'resolved' || demo.status === 'closed';
  await manager.insert(Ticket, {
    id: ticketId,
    reference,
    year,
    number,
    status: demo.status,
    priority: demo.urgency?.length ? 'high' : 'normal',
    filedBy: demo.filedBy,
    requesterAuthorityId: demo.requesterAuthorityId,
    requesterStateCode: demo.requesterStateCode,
    requestedStateCode: demo.requestedStateCode,
    requestedAuthorityId: demo.requestedAuthorityId,
    cooperationType: demo.cooperationType,
    offenceCategory: demo.offenceCategory,
    legalBasis: demo.legalBasis,
    legalInstrument: null,
    dateSent: demo.dateSent,
    channel: demo.channel,
    blockageReason: demo.blockageReason,
    blockedSince: demo.blockedSince ?? null,
    refusalGround: null,
    urgency: demo.urgency ?? [],
    deadline: demo.deadline ?? null,
    wrappedKey: deps.keyring.encrypt(key.toString('base64'), ticketKeyContext(ticketId)),
    masterKeyId: deps.keyring.currentKeyId,
    descriptionSealed: seal(key, demo.description, ticketFactContext(ticketId, 'description')),
    requesterReferenceSealed: seal(key, demo.requesterReference, ticketFactContext(ticketId, 'requester-reference')),
    blockageDetailsSealed: null,
    assigneeId: demo.assigneeId,
    publicThreadId: await thread(TICKET_KIND, demo.publicMessages ?? []),
    internalThreadId: await thread(TICKET_INTERNAL_KIND, []),
    outcome: resolved ? (demo.outcome ?? 'unblocked') : null,
    resolvedAt: resolved ? deps.now : null,
    // Its clocks as if it reached its status now, in the default calendar and targets.
    ...nextSla(
      DEFAULT_CALENDAR,
      demo.urgency?.length ? { response: 8, resolution: 80 } : { response: 16, resolution: 160 },
      {
        status: demo.status,
        deadline: demo.deadline ?? null,
        firstResponseAt: null,
        slaElapsedS: 0,
        slaRunningSince: null,
        responseWorkingS: null,
        resolutionWorkingS: null,
      },
      deps.now,
    ),
  });
  await manager.insert(
    TicketNetwork,
    demo.networkIds.map((networkId) => ({ ticketId, networkId })),
  );
  await manager.insert(TicketEvent, { ticketId, actorId: demo.filedBy, action: 'filed', newValue: 'new' });
  if (demo.status !== 'new')
    await manager.insert(TicketEvent, {
      ticketId,
      actorId: deps.secretariatId,
      action: 'status',
      oldValue: 'new',
      newValue: demo.status,
    });
  return reference;
}
