import { Logger, OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toProblem } from '@liaison/platform';
import type { AuthUser } from '@liaison/identity';
import { RoomPolicies } from '@liaison/realtime';
import type { AckProblem, SendAck, SyncResult } from '@liaison/contracts';
import { MessagesService } from '../messages/messages.service';
import { SendLimiter } from '../messages/send-limiter.service';
import { parseSocketSend } from '../messages/socket-send';
import { ThreadKinds } from '../threads/thread-kinds.registry';

type UserSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, { user: AuthUser }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Threads one sync request may name; the client sends more in several. */
const SYNC_MAX_THREADS = 100;
const SYNC_PAGE = 200;

function ackProblem(error: unknown): AckProblem {
  const problem = toProblem(error);
  if (problem.status === 500) new Logger('MessagingGateway').error((error as Error).message);
  const { status, type, title, detail, errors, retryAfterMs } = problem;
  return {
    status,
    type,
    title,
    detail,
    errors,
    retryAfterMs: typeof retryAfterMs === 'number' ? retryAfterMs : undefined,
  };
}

/**
 * Messaging on the socket: sending (acknowledged with the stored message), typing, and the sync that a
 * client runs on every (re)connect and resync. A thread's room (named by its kind) opens only to those its
 * kind lets in (ThreadKinds registers those room policies), and `network:` rooms (new forum threads) only to
 * the network's members.
 */
@WebSocketGateway()
export class MessagingGateway implements OnModuleInit, OnGatewayConnection {
  constructor(
    private readonly messages: MessagesService,
    private readonly limiter: SendLimiter,
    private readonly kinds: ThreadKinds,
    private readonly rooms: RoomPolicies,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.rooms.register('network:', async (user, room) => {
      const id = room.slice('network:'.length);
      if (!UUID.test(id)) return false;
      const rows: unknown[] = await this.dataSource.query(
        'SELECT 1 FROM network_members WHERE network_id = $1 AND user_id = $2',
        [id, user.id],
      );
      return rows.length > 0;
    });
  }

  /**
   * `message.send`, the hottest event, is a plain socket.io listener rather than a `@SubscribeMessage`
   * handler: Nest's per-message pipeline (rxjs, pipes, filters) cost more than the rest of the handler. It
   * still passes the realtime gateway's session check (a socket middleware, run before any listener), and
   * its payload is checked by hand (parseSocketSend). A send without an acknowledgement is dropped.
   */
  handleConnection(socket: UserSocket): void {
    (socket as unknown as Socket).on('message.send', (body: unknown, ack: unknown) => {
      if (typeof ack === 'function') void this.send(socket, body).then((answer) => ack(answer));
    });
  }

  async send(socket: UserSocket, body: unknown): Promise<SendAck> {
    try {
      const input = parseSocketSend(body);
      await this.limiter.consume(socket.data.user.id);
      const { message } = await this.messages.send(socket.data.user, input.threadId, input);
      return { ok: true, message };
    } catch (error) {
      return { ok: false, problem: ackProblem(error) };
    }
  }

  /** Relayed only from a socket already in the thread's room (so only by a reader). */
  @SubscribeMessage('thread.typing')
  typing(@ConnectedSocket() socket: UserSocket, @MessageBody() body: { threadId?: unknown }): void {
    const threadId = typeof body?.threadId === 'string' ? body.threadId : '';
    const room = UUID.test(threadId)
      ? this.kinds.roomsNamed(threadId).find((name) => socket.rooms.has(name))
      : undefined;
    if (!room) return;
    socket.to(room).emit('thread.typing' as never, { threadId, userId: socket.data.user.id } as never);
  }

  /**
   * For each thread: join its room first, then answer the messages after `lastSeq` — so whatever is sent
   * meanwhile arrives live and the client's seq check drops the overlap. A thread the user may not read
   * answers `ok: false`, as if it did not exist.
   */
  @SubscribeMessage('thread.sync')
  async sync(
    @ConnectedSocket() socket: UserSocket,
    @MessageBody() body: { threads?: unknown },
  ): Promise<{ ok: boolean; results: SyncResult[] }> {
    const requested = Array.isArray(body?.threads)
      ? (body.threads as { threadId?: unknown; lastSeq?: unknown }[]).slice(0, SYNC_MAX_THREADS)
      : [];
    const results = await Promise.all(
      requested.map(async (entry): Promise<SyncResult> => {
        const threadId = typeof entry?.threadId === 'string' ? entry.threadId : '';
        const lastSeq =
          Number.isSafeInteger(entry?.lastSeq) && (entry.lastSeq as number) >= 0 ? (entry.lastSeq as number) : 0;
        const room = await this.kinds.roomFor(socket.data.user, threadId);
        if (!room) return { threadId, ok: false };
        await socket.join(room);
        try {
          const page = await this.messages.list(socket.data.user.id, threadId, { after: lastSeq, limit: SYNC_PAGE });
          return { threadId, ok: true, messages: page.items, hasMore: page.hasMore };
        } catch {
          await socket.leave(room);
          return { threadId, ok: false };
        }
      }),
    );
    return { ok: true, results };
  }
}
