import { io } from 'socket.io-client';
import { ThreadSync, type MessageView, type ThreadView } from '@liaison/messaging';

import { call, signIn } from './auth';
import { createDirectoryFixture, DirectoryFixture } from './directory';
import { createUser, TestUser } from './factories';
import type { ClientSocket } from './sockets';
import type { RunningApp } from './test-app';

export interface Member {
  user: TestUser;
  token: string;
}

/** A network (through the directory fixture) with `count` focal points as members, each signed in. */
export async function networkWithMembers(
  api: RunningApp,
  adminToken: string,
  count: number,
): Promise<{ directory: DirectoryFixture; members: Member[] }> {
  const directory = await createDirectoryFixture(api, adminToken);
  const members: Member[] = [];
  for (let index = 0; index < count; index += 1) {
    const user = await createUser(api.app, 'focal_point', { authorityId: directory.authorityId });
    const added = await call(api, 'POST', `/api/networks/${directory.networkId}/members`, {
      token: adminToken,
      body: { userId: user.id },
    });
    if (added.status !== 201) throw new Error(`adding a member answered ${added.status}`);
    members.push({ user, token: (await signIn(api, user)).accessToken });
  }
  return { directory, members };
}

export async function createForumThread(
  api: RunningApp,
  member: Member,
  networkId: string,
  subject: string,
): Promise<ThreadView> {
  const response = await call(api, 'POST', `/api/networks/${networkId}/threads`, {
    token: member.token,
    body: { subject },
  });
  if (response.status !== 201)
    throw new Error(`creating a thread answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as ThreadView;
}

export interface SyncClient {
  socket: ClientSocket;
  sync: ThreadSync;
  close(): void;
}

/**
 * A client as the web app runs it: a reconnecting socket to `url` and the shared sync module. `url` is a
 * function so that a test can move the client to another API node.
 */
export async function syncClient(url: () => string, token: string): Promise<SyncClient> {
  const socket: ClientSocket = io(url(), {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    auth: { token },
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  // Each reconnection goes to the current URL (the node may have changed).
  socket.io.on('reconnect_attempt', () => {
    (socket.io as unknown as { uri: string }).uri = url();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const sync = new ThreadSync(socket as never);
  return { socket, sync, close: () => (sync.close(), socket.close()) };
}

/** Seqs held, checked to be exactly 1..n with each message once. */
export function seqs(messages: MessageView[]): number[] {
  return messages.map((message) => message.seq);
}

export const range = (n: number) => Array.from({ length: n }, (_, index) => index + 1);
