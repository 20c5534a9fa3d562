import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, DataKeys, Keyring, KeyRotation, type NewDataKey, readableOrNull } from '@liaison/platform';

const CACHE_SIZE = 10_000;

/** Where a sealed text lives: it is bound to that row, so it does not open anywhere else. */
export type SealedPlace =
  { kind: 'subject'; threadId: string } | { kind: 'message'; messageId: string } | { kind: 'edit'; editId: string };

const contextOf = (place: SealedPlace) =>
  place.kind === 'subject'
    ? `thread-subject:${place.threadId}`
    : place.kind === 'message'
      ? `message:${place.messageId}`
      : `message-edit:${place.editId}`;

export const threadKeyContext = (threadId: string) => `thread-key:${threadId}`;

/**
 * Envelope encryption for threads: each thread has its own random data key, wrapped by the keyring's
 * current master key; subjects, bodies and earlier versions are sealed with it (AES-256-GCM), each bound to
 * its row. Unwrapped data keys are cached in memory; a text that fails authentication is audited and
 * reported as unreadable, never returned as garbage.
 */
@Injectable()
export class ThreadCrypto implements OnModuleInit {
  private readonly logger = new Logger(ThreadCrypto.name);
  private readonly keys: DataKeys;

  constructor(
    keyring: Keyring,
    private readonly audit: AuditService,
    private readonly rotation?: KeyRotation,
    @InjectDataSource() private readonly dataSource?: DataSource,
  ) {
    this.keys = new DataKeys(keyring, threadKeyContext, CACHE_SIZE);
  }

  /** Rotation re-wraps each thread's data key; the data key itself, and so every message, stays as it is. */
  onModuleInit(): void {
    if (!this.rotation || !this.dataSource) return;
    this.keys.rotateWith(this.rotation, this.dataSource, { name: 'thread data keys', table: 'threads' });
  }

  /** A new thread's data key, wrapped under the current master key. */
  newKey(threadId: string): NewDataKey {
    return this.keys.create(threadId);
  }

  /** Whether the thread's data key is in memory (sealing needs no wrapped key then). */
  knows(threadId: string): boolean {
    return this.keys.knows(threadId);
  }

  key(thread: { id: string; wrappedKey: string }): Buffer {
    return this.keys.unwrap(thread);
  }

  seal(thread: { id: string; wrappedKey: string }, place: SealedPlace, plaintext: string): string {
    return this.keys.seal(this.key(thread), plaintext, contextOf(place));
  }

  /** The plaintext, or null (audited) if the ciphertext or the thread's wrapped key fails authentication. */
  async open(thread: { id: string; wrappedKey: string }, place: SealedPlace, sealed: string): Promise<string | null> {
    return readableOrNull(
      () => this.keys.open(this.key(thread), sealed, contextOf(place)),
      async (reason) => {
        this.logger.error(`integrity failure: ${place.kind} of thread ${thread.id} does not decrypt`);
        await this.audit.append({
          action: 'messaging.integrity-failed',
          targetType: place.kind === 'subject' ? 'thread' : place.kind,
          targetId:
            place.kind === 'subject' ? place.threadId : place.kind === 'message' ? place.messageId : place.editId,
          details: { threadId: thread.id, reason },
        });
      },
    );
  }
}
