import { io, Socket } from 'socket.io-client';
import type { ClientEvents, ServerEvents } from '@liaison/realtime';
import type { RunningApp } from './test-app';

export type ClientSocket = Socket<ServerEvents, ClientEvents>;

/** Connects like the web app (WebSocket only); resolves when connected, rejects with the refusal code. */
export function connectSocket(
  app: RunningApp,
  options: { token?: string; origin?: string } = {},
): Promise<ClientSocket> {
  const socket: ClientSocket = io(app.url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: options.token ? { token: options.token } : {},
    extraHeaders: options.origin ? { origin: options.origin } : undefined,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Resolves with the disconnect reason, or rejects after `ms`. */
export function disconnectedWithin(socket: ClientSocket, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (socket.disconnected) return resolve('already');
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
