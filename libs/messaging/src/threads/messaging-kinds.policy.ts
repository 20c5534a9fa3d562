import { Injectable, OnModuleInit } from '@nestjs/common';
import { afterCommit, DomainEvents } from '@liaison/platform';
import { RealtimeEmitter, userRoom } from '@liaison/realtime';
import { MESSAGING_OWNER, ThreadKinds } from './thread-kinds.registry';

/** A network's forum threads: read and written by the network's members; its coordinators moderate them. */
export const FORUM = 'forum';
/** Threads between named people, across networks: read and written by their participants. */
export const PRIVATE = 'private';

export const networkRoom = (networkId: string) => `network:${networkId}`;

/** Registers messaging's own two kinds, and keeps a forum's rooms in step with its network's members. */
@Injectable()
export class MessagingKinds implements OnModuleInit {
  constructor(
    private readonly kinds: ThreadKinds,
    private readonly events: DomainEvents,
    private readonly emitter: RealtimeEmitter,
  ) {}

  onModuleInit(): void {
    this.kinds.register({
      kind: FORUM,
      read: 'EXISTS (SELECT 1 FROM network_members nm WHERE nm.network_id = t.network_id AND nm.user_id = :me)',
      inbox: true,
      genericNotices: true,
      participants: false,
      owner: MESSAGING_OWNER,
      moderates: async (manager, userId, thread) => {
        if (!thread.networkId) return false;
        const rows: unknown[] = await manager.query(
          `SELECT 1 FROM network_members WHERE network_id = $1 AND user_id = $2 AND network_role = 'coordinator'`,
          [thread.networkId, userId],
        );
        return rows.length > 0;
      },
    });
    this.kinds.register({
      kind: PRIVATE,
      read: 'EXISTS (SELECT 1 FROM thread_participants tp WHERE tp.thread_id = t.id AND tp.user_id = :me)',
      inbox: true,
      genericNotices: true,
      participants: true,
      owner: MESSAGING_OWNER,
      managesParticipants: (userId, thread) => thread.createdBy === userId,
    });

    // Someone who leaves a network stops receiving its forum threads at once, live sockets included.
    this.events.on('directory.member-removed', async ({ networkId, userId }, manager) => {
      const threads = (await manager.query(`SELECT id FROM threads WHERE network_id = $1 AND kind = $2`, [
        networkId,
        FORUM,
      ])) as { id: string }[];
      afterCommit(manager, () => {
        this.emitter.leave(userRoom(userId), networkRoom(networkId));
        for (const { id } of threads) this.emitter.leave(userRoom(userId), this.kinds.room(FORUM, id));
      });
    });
  }
}
