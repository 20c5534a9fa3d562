import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@liaison/identity';

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** Says whether `user` may join `room`; feature libraries register one per room prefix ('thread:', …). */
export type RoomPolicy = (user: AuthUser, room: string) => Promise<boolean> | boolean;

/**
 * The hook through which higher libraries open their rooms to sockets without this library knowing them.
 * A room nobody registered is closed (deny by default).
 */
@Injectable()
export class RoomPolicies {
  private readonly policies = new Map<string, RoomPolicy>();

  register(prefix: string, policy: RoomPolicy): void {
    if (!/^[a-z-]+:$/.test(prefix)) throw new Error(`room prefix must look like "thread:", not "${prefix}"`);
    this.policies.set(prefix, policy);
  }

  async allows(user: AuthUser, room: string): Promise<boolean> {
    const prefix = /^[a-z-]+:/.exec(room)?.[0];
    const policy = prefix ? this.policies.get(prefix) : undefined;
    return policy ? Boolean(await policy(user, room)) : false;
  }
}
