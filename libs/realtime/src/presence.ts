import { Injectable, Logger } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { userRoom } from './rooms';

/** Who has a socket open right now, on any node (API processes only: it asks the socket.io server). */
@Injectable()
export class Presence {
  private readonly logger = new Logger(Presence.name);

  constructor(private readonly gateway: RealtimeGateway) {}

  /**
   * The users among `userIds` with at least one socket on any node. If the other nodes cannot be asked
   * (Redis away), the answer covers this node only: callers err towards telling people too much.
   */
  async online(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    try {
      const sockets = await this.gateway.server.in(userIds.map(userRoom)).fetchSockets();
      return new Set(sockets.map((socket) => socket.data.user.id));
    } catch (error) {
      this.logger.warn(`presence across nodes unavailable: ${(error as Error).message}`);
      const sockets = await this.gateway.server.local.in(userIds.map(userRoom)).fetchSockets();
      return new Set(sockets.map((socket) => socket.data.user.id));
    }
  }
}
