import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';

/**
 * This process's socket.io server, once the gateway got one (API processes only). Kept apart from the
 * gateway so that the core module (the worker's) can ask about sockets without loading the gateway.
 */
@Injectable()
export class SocketServer {
  server?: Server;
}
