import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AuditService,
  DecryptionError,
  Keyring,
  keyringColumn,
  KeyRotation,
  newDataKey,
  open,
  seal,
} from '@liaison/platform';

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

  constructor(
    private readonly keyring: Keyring,
    private readonly audit: AuditService,
    private readonly rotation: KeyRotation,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.rotation.register(
      keyringColumn(this.dataSource, {
        name: 'ticket data keys',
        table: 'helpdesk_tickets',
        column: 'wrapped_key',
        keyIdColumn: 'master_key_id',
        context: ticketKeyContext,
      }),
    );
  }

  newKey(ticketId: string): { key: Buffer; wrappedKey: string; masterKeyId: string } {
    const key = newDataKey();
    return {
      key,
      wrappedKey: this.keyring.encrypt(key.toString('base64'), ticketKeyContext(ticketId)),
      masterKeyId: this.keyring.currentKeyId,
    };
  }

  seal(ticketId: string, key: Buffer, fact: SealedFact, text: string): string {
    return seal(key, text, ticketFactContext(ticketId, fact));
  }

  /** Every sealed fact of a ticket, or null for each that fails authentication (audited). */
  async open(
    ticket: { id: string; wrappedKey: string },
    sealed: Partial<Record<SealedFact, string | null>>,
  ): Promise<Partial<Record<SealedFact, string | null>>> {
    const result: Partial<Record<SealedFact, string | null>> = {};
    let key: Buffer;
    try {
      key = Buffer.from(this.keyring.decrypt(ticket.wrappedKey, ticketKeyContext(ticket.id)), 'base64');
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      await this.failed(ticket.id, 'key', error.message);
      for (const fact of Object.keys(sealed) as SealedFact[]) result[fact] = null;
      return result;
    }
    for (const [fact, value] of Object.entries(sealed) as [SealedFact, string | null | undefined][]) {
      if (value === null || value === undefined) {
        result[fact] = null;
        continue;
      }
      try {
        result[fact] = open(key, value, ticketFactContext(ticket.id, fact));
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
        await this.failed(ticket.id, fact, error.message);
        result[fact] = null;
      }
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
