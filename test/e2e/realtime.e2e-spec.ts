import { JwtService } from '@nestjs/jwt';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { RealtimeEmitter } from '@liaison/realtime';
import { call, signIn } from '../support/auth';
import { createUser } from '../support/factories';
import { connectAs } from '../support/database';
import { closedPort } from '../support/net';
import { connectSocket, disconnectedWithin } from '../support/sockets';
import { RunningApp, startApp } from '../support/test-app';
import { currentTestRun } from '../support/test-env';

declare module '@liaison/realtime' {
  interface ServerEvents {
    'test.ping': (body: { n: number }) => void;
  }
}

const ALLOWED = 'http://localhost:3000';
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'connected',
    (error: Error) => error.message,
  );

describe('realtime server', () => {
  let first: RunningApp;
  let second: RunningApp;

  beforeAll(async () => {
    [first, second] = await Promise.all([startApp(), startApp()]);
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  describe('handshake', () => {
    it('accepts a valid token with an allowed Origin or with none', async () => {
      const { accessToken } = await signIn(first, await createUser(first.app, 'focal_point'));
      for (const origin of [ALLOWED, undefined]) {
        const socket = await connectSocket(first, { token: accessToken, origin });
        expect(socket.connected).toBe(true);
        socket.close();
      }
    });

    it('refuses no token, a forged or expired token, a revoked session, a suspended user, a foreign Origin', async () => {
      const user = await createUser(first.app, 'focal_point');
      const session = await signIn(first, user);
      expect(await refusal(connectSocket(first))).toBe('token-missing');
      expect(await refusal(connectSocket(first, { token: `${session.accessToken.slice(0, -4)}AAAA` }))).toBe(
        'token-invalid',
      );

      const config = first.config;
      const past = Math.floor(Date.now() / 1000) - 3600;
      const expired = await first.app
        .get(JwtService, { strict: false })
        .signAsync(
          { sub: user.id, sid: 'x', role: 'focal_point', iat: past, exp: past + 600 },
          { secret: config.JWT_SECRET, issuer: 'liaison', audience: 'liaison-api', algorithm: 'HS256' },
        );
      expect(await refusal(connectSocket(first, { token: expired }))).toBe('token-expired');

      expect(
        await refusal(connectSocket(first, { token: session.accessToken, origin: 'https://evil.example' })),
      ).not.toBe('connected');

      await call(first, 'POST', '/api/auth/sign-out', { token: session.accessToken });
      expect(await refusal(connectSocket(first, { token: session.accessToken }))).toBe('session-ended');

      const suspended = await createUser(first.app, 'focal_point');
      const { accessToken } = await signIn(first, suspended);
      const secretariat = await signIn(first, await createUser(first.app, 'secretariat'));
      await call(first, 'POST', `/api/users/${suspended.id}/suspend`, { token: secretariat.accessToken });
      expect(await refusal(connectSocket(first, { token: accessToken }))).toBe('session-ended');
    });
  });

  it('revoking a session disconnects its sockets within a second, on every node', async () => {
    const user = await createUser(first.app, 'focal_point');
    const phone = await signIn(first, user);
    const laptop = await signIn(first, user, new Date(Date.now() + 30_000));
    const onFirst = await connectSocket(first, { token: phone.accessToken });
    const onSecond = await connectSocket(second, { token: phone.accessToken });
    const otherSession = await connectSocket(second, { token: laptop.accessToken });
    const sessions = (await (await call(first, 'GET', '/api/sessions', { token: laptop.accessToken })).json()) as {
      id: string;
      current: boolean;
    }[];
    const phoneSession = sessions.find((session) => !session.current);

    const started = Date.now();
    const gone = Promise.all([disconnectedWithin(onFirst, 1000), disconnectedWithin(onSecond, 1000)]);
    await call(first, 'DELETE', `/api/sessions/${phoneSession?.id}`, { token: laptop.accessToken });
    await expect(gone).resolves.toEqual(['io server disconnect', 'io server disconnect']);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(otherSession.connected).toBe(true);
    otherSession.close();
  });

  it('suspending a user disconnects all their sockets', async () => {
    const user = await createUser(first.app, 'coordinator');
    const socket = await connectSocket(second, { token: (await signIn(first, user)).accessToken });
    const secretariat = await signIn(first, await createUser(first.app, 'secretariat'));
    const gone = disconnectedWithin(socket, 1000);
    await call(first, 'POST', `/api/users/${user.id}/suspend`, { token: secretariat.accessToken });
    await expect(gone).resolves.toBe('io server disconnect');
  });

  it('delivers an event emitted on one node to a user connected to the other', async () => {
    const user = await createUser(first.app, 'focal_point');
    const socket = await connectSocket(second, { token: (await signIn(first, user)).accessToken });
    const received = new Promise((resolve) => socket.once('test.ping', resolve));
    first.app.get(RealtimeEmitter).toUser(user.id, 'test.ping', { n: 1 });
    await expect(received).resolves.toEqual({ n: 1 });
    socket.close();
  });

  it('delivers an event emitted by a separate plain Node process through the emitter', async () => {
    const user = await createUser(first.app, 'focal_point');
    const socket = await connectSocket(first, { token: (await signIn(first, user)).accessToken });
    const received = new Promise((resolve) => socket.once('test.ping', resolve));
    const script = `
      const Redis = require('ioredis');
      const { Emitter } = require('@socket.io/redis-emitter');
      const redis = new Redis(process.env.REDIS_URL);
      new Emitter(redis, { key: process.env.KEY }).to('user:' + process.env.USER_ID).emit('test.ping', { n: 2 });
      setTimeout(() => redis.quit(), 200);`;
    const child = spawn(process.execPath, ['-e', script], {
      env: {
        ...process.env,
        REDIS_URL: first.config.REDIS_URL,
        KEY: `${currentTestRun().redisPrefix}:socket.io`,
        USER_ID: user.id,
      },
    });
    await expect(received).resolves.toEqual({ n: 2 });
    await once(child, 'exit');
    socket.close();
  });

  it('disconnects a socket whose token expires unless it re-authenticates first', async () => {
    const shortLived = await startApp({ env: { ACCESS_TOKEN_TTL_SECONDS: '5' } });
    try {
      const user = await createUser(shortLived.app, 'focal_point');
      const session = await signIn(shortLived, user);
      const stale = await connectSocket(shortLived, { token: session.accessToken });
      const fresh = await connectSocket(shortLived, { token: session.accessToken });
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const refreshed = await call(shortLived, 'POST', '/api/auth/refresh', { cookie: session.refreshCookie });
      const { accessToken } = (await refreshed.json()) as { accessToken: string };
      const ack = await fresh.timeout(2000).emitWithAck('auth.refresh', { token: accessToken });
      expect(ack).toMatchObject({ ok: true });
      await expect(disconnectedWithin(stale, 4000)).resolves.toBe('io server disconnect');
      expect(fresh.connected).toBe(true);
      // Someone else's token is refused, and the socket is dropped.
      const other = await signIn(shortLived, await createUser(shortLived.app, 'focal_point'));
      expect(await fresh.timeout(2000).emitWithAck('auth.refresh', { token: other.accessToken })).toEqual({
        ok: false,
        code: 'token-invalid',
      });
      await disconnectedWithin(fresh, 1000);
    } finally {
      await shortLived.close();
    }
  }, 20_000);

  describe('when Redis drops and returns', () => {
    let redis: ChildProcess;
    let port: number;
    const startRedis = async () => {
      redis = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
    };

    afterAll(() => {
      redis?.kill('SIGKILL');
    });

    it('every client of a node receives the resync signal once Redis is back, and sessions revoked meanwhile end', async () => {
      port = await closedPort();
      await startRedis();
      const node = await startApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
      try {
        const users = await Promise.all([
          createUser(node.app, 'focal_point'),
          createUser(node.app, 'focal_point'),
          createUser(node.app, 'focal_point'),
        ]);
        const sockets = await Promise.all(
          users.map(async (user) => connectSocket(node, { token: (await signIn(node, user)).accessToken })),
        );
        const [kept, alsoKept, revoked] = sockets;
        const resyncs = [kept, alsoKept].map((socket) => new Promise((resolve) => socket.once('resync', resolve)));
        const dropped = disconnectedWithin(revoked, 10_000);

        redis.kill('SIGKILL');
        await once(redis, 'exit');
        // Revoked while this node cannot hear the cluster event.
        await connectAs('owner', (client) =>
          client.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1', [users[2].id]),
        );
        await new Promise((resolve) => setTimeout(resolve, 500));
        await startRedis();

        await expect(Promise.all(resyncs)).resolves.toEqual([
          { reason: 'redis-reconnected' },
          { reason: 'redis-reconnected' },
        ]);
        await expect(dropped).resolves.toBe('io server disconnect');
        expect(kept.connected && alsoKept.connected).toBe(true);
        sockets.forEach((socket) => socket.close());
      } finally {
        await node.close();
      }
    }, 20_000);
  });
});
