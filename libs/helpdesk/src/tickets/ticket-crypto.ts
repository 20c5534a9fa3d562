import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, DataKeys, Keyring, KeyRotation, type NewDataKey, readableOrNull } from '@liaison/platform';

/** The free-text facts of a ticket, each sealed bound to its ticket and its field. */
export type SealedFact = 'description' | 'requester-reference' | 'blockage-details';

export const ticketKeyContext = (ticketId: string) => `ticket-key:${ticketId}`;
export const ticketFactContext = (ticketId: string, fact: SealedFact) => `ticket-${fact}:${ticketId}`;

/**
 * Envelope encryption of a ticket's free text: a random data key per ticket, wrapped by the keyring's
 * current master key and re-wrapped by `keys:rotate`; texts sealed with it (AES-256-GCM). A text that does
 * not open is audited and shown as unreadable, never as garbage.
 */
@Injectable()
export class TicketCrypto implements OnModuleInit {
  private readonly logger = new Logger(TicketCrypto.name);
  /** No cache: every read unwraps the ticket's key again. */
  private readonly keys: DataKeys;

  constructor(
    keyring: Keyring,
    private readonly audit: AuditService,
    private readonly rotation: KeyRotation,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.keys = new DataKeys(keyring, ticketKeyContext);
  }

  onModuleInit(): void {
    this.keys.rotateWith(this.rotation, this.dataSource, { name: 'ticket data keys', table: 'helpdesk_tickets' });
  }

  newKey(ticketId: string): NewDataKey {
    return this.keys.create(ticketId);
  }

  seal(ticketId: string, key: Buffer, fact: SealedFact, text: string): string {
    return this.keys.seal(key, text, ticketFactContext(ticketId, fact));
  }

  /** Every sealed fact of a ticket, or null for each that fails authentication (audited). */
  async open(
    ticket: { id: string; wrappedKey: string },
    sealed: Partial<Record<SealedFact, string | null>>,
  ): Promise<Partial<Record<SealedFact, string | null>>> {
    const result: Partial<Record<SealedFact, string | null>> = {};
    const key = await readableOrNull(
      () => this.keys.unwrap(ticket),
      (reason) => this.failed(ticket.id, 'key', reason),
    );
    if (key === null) {
      for (const fact of Object.keys(sealed) as SealedFact[]) result[fact] = null;
      return result;
    }
    for (const [fact, value] of Object.entries(sealed) as [SealedFact, string | null | undefined][]) {
      result[fact] =
        value === null || value === undefined
          ? null
          : await readableOrNull(
              () => this.keys.open(key, value, ticketFactContext(ticket.id, fact)),
              (reason) => this.failed(ticket.id, fact, reason),
            );
    }
    return result;
  }

  private async failed(ticketId: string, what: string, reason: string): Promise<void> {
    this.logger.error(`integrity failure: ${what} of ticket ${ticketId} does not decrypt`);
    await this.audit.append({
      action: 'helpdesk.integrity-failed',
      targetType: 'ticket',
      targetId: ticketId,
      details: { fact: what, reason },
    });
  }
}
