import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * In-process domain events, keyed by name. Each library declares its own events by augmenting this map:
 *
 *   declare module '@liaison/platform' {
 *     interface DomainEventMap { 'identity.invitation-accepted': InvitationAccepted }
 *   }
 */
// Empty on purpose: libraries add their events by declaration merging.
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface DomainEventMap {}

export type DomainEventName = keyof DomainEventMap & string;
export type DomainEventHandler<K extends DomainEventName> = (
  payload: DomainEventMap[K],
  manager: EntityManager,
) => Promise<void> | void;

/**
 * Lets a lower library announce something that higher libraries act on, without importing them. Handlers
 * run one after another inside the publisher's transaction (the EntityManager it passes): if one throws,
 * the publisher's whole change rolls back, so a fact and its consequences commit together or not at all.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<string, DomainEventHandler<never>[]>();

  on<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as DomainEventHandler<never>);
    this.handlers.set(name, list);
  }

  async publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K], manager: EntityManager): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) {
      await (handler as DomainEventHandler<K>)(payload, manager);
    }
  }
}
