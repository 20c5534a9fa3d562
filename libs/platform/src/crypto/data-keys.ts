import type { DataSource } from 'typeorm';
import { keyringColumn, type KeyRotation } from './key-rotation';
import { DecryptionError, type Keyring, newDataKey, open, seal } from './keyring';

/** A row that owns a data key: its id, and its data key as `Keyring.encrypt` output. */
export interface KeyOwner {
  id: string;
  wrappedKey: string;
}

/** A new data key, and how to store it: wrapped, with the id of the master key that wrapped it. */
export interface NewDataKey {
  key: Buffer;
  wrappedKey: string;
  masterKeyId: string;
}

/**
 * Envelope encryption for one kind of row (a thread, a ticket…): each row has its own random data key,
 * wrapped by the keyring's current master key bound to `keyContext(id)`; texts are sealed with the data key
 * (AES-256-GCM), each bound to a context the caller chooses (what the text belongs to). Rotation
 * (`rotateWith`) re-wraps the data keys only, so sealed texts never change. With `cacheSize` > 0, up to that
 * many unwrapped keys are kept in memory (the oldest remembered leaves first); with 0, every use unwraps.
 *
 * Formats (unchanged from before this class): a wrapped key is `v1.<master key id>.<iv>.<ciphertext+tag>`
 * of the base64 data key; a sealed text is `<iv>.<ciphertext+tag>` (base64url parts).
 */
export class DataKeys {
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly keyring: Keyring,
    readonly keyContext: (ownerId: string) => string,
    private readonly cacheSize = 0,
  ) {}

  /** A new data key for `ownerId`, wrapped under the current master key (and remembered, if caching). */
  create(ownerId: string): NewDataKey {
    const key = newDataKey();
    this.remember(ownerId, key);
    return {
      key,
      wrappedKey: this.keyring.encrypt(key.toString('base64'), this.keyContext(ownerId)),
      masterKeyId: this.keyring.currentKeyId,
    };
  }

  /** Whether the owner's data key is in memory. */
  knows(ownerId: string): boolean {
    return this.cache.has(ownerId);
  }

  /** The owner's data key; DecryptionError if its wrapped key does not open (altered, or an unknown key). */
  unwrap(owner: KeyOwner): Buffer {
    const cached = this.cache.get(owner.id);
    if (cached) return cached;
    const key = Buffer.from(this.keyring.decrypt(owner.wrappedKey, this.keyContext(owner.id)), 'base64');
    this.remember(owner.id, key);
    return key;
  }

  /** `plaintext` sealed with `key`, bound to `context`. */
  seal(key: Buffer, plaintext: string, context: string): string {
    return seal(key, plaintext, context);
  }

  /** The plaintext; DecryptionError if `sealed` was altered or belongs to another context or key. */
  open(key: Buffer, sealed: string, context: string): string {
    return open(key, sealed, context);
  }

  /**
   * Has `rotation` re-wrap the data keys stored in `table` (in `wrapped_key`, its master key id kept in
   * `master_key_id`, unless other columns are named), each under `keyContext` of its row's id.
   */
  rotateWith(
    rotation: KeyRotation,
    dataSource: DataSource,
    spec: { name: string; table: string; column?: string; keyIdColumn?: string },
  ): void {
    rotation.register(
      keyringColumn(dataSource, {
        name: spec.name,
        table: spec.table,
        column: spec.column ?? 'wrapped_key',
        keyIdColumn: spec.keyIdColumn ?? 'master_key_id',
        context: this.keyContext,
      }),
    );
  }

  private remember(ownerId: string, key: Buffer): void {
    if (this.cacheSize <= 0) return;
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(ownerId, key);
  }
}

/**
 * `read()`'s result, or null once `unreadable(reason)` has run (e.g. to log and audit) if it throws
 * DecryptionError; any other error is thrown as it is.
 */
export async function readableOrNull<T>(
  read: () => T,
  unreadable: (reason: string) => Promise<void>,
): Promise<T | null> {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    await unreadable(error.message);
    return null;
  }
}
