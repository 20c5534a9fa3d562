/**
 * The socket.io event map, shared by the server and the web app. Events the web app listens to are merged
 * into ServerEvents from this library's feature files (see messaging/events.ts); a server library may add
 * events only the server sees the same way, through `@liaison/realtime`:
 *
 *   declare module '@liaison/realtime' { interface ServerEvents { 'message.created': (m: MessageView) => void } }
 */

/** Why a handshake was refused: the `message` of the client's connect_error. */
export type RefusalCode = 'token-missing' | 'token-invalid' | 'token-expired' | 'session-ended' | 'origin-refused';

export interface ResyncSignal {
  /** The server lost events it should have relayed: fetch what you hold from PostgreSQL again. */
  reason: 'redis-reconnected';
}

export type ReauthResult = { ok: true; expiresAt: string } | { ok: false; code: RefusalCode };

export interface ServerEvents {
  resync: (signal: ResyncSignal) => void;
}

export interface ClientEvents {
  /** Send the new access token after every refresh, before the old one expires, or be disconnected. */
  'auth.refresh': (body: { token: string }, ack: (result: ReauthResult) => void) => void;
  /** Ask to join a feature's room; the feature's policy decides. */
  'room.join': (body: { room: string }, ack: (result: { ok: boolean }) => void) => void;
  'room.leave': (body: { room: string }, ack: (result: { ok: boolean }) => void) => void;
}

export const SOCKET_PATH = '/socket.io';
