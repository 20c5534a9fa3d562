import { randomUUID } from 'node:crypto';
import type { MessageView } from '@liaison/messaging';
import { signIn } from '../support/auth';
import { startBuilt } from '../support/cli';
import { createUser } from '../support/factories';
import { createForumThread, networkWithMembers } from '../support/messaging';
import { closedPort } from '../support/net';
import { eventually, queueEnv } from '../support/queues';
import { ClientSocket, connectSocket } from '../support/sockets';
import { RunningApp, startApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';

jest.setTimeout(60_000);

const scrape = async (port: number) => {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
};

/** The value of one sample line (`name{labels} value`), or undefined if the scrape has no such line. */
const sample = (text: string, line: string): number | undefined => {
  const found = text.split('\n').find((entry) => entry.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
};

describe('operator metrics', () => {
  describe('on an API node', () => {
    let api: RunningApp;
    let metricsPort: number;
    let sockets: ClientSocket[] = [];

    beforeAll(async () => {
      metricsPort = await closedPort();
      api = await startApp({ env: { METRICS_PORT: String(metricsPort) } });
    });
    afterAll(async () => {
      for (const socket of sockets) socket.close();
      await api.close();
    });

    it('counts a sent message, its send time, its deliveries and the sockets open', async () => {
      const admin = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
      const { directory, members } = await networkWithMembers(api, admin, 2);
      const thread = await createForumThread(api, members[0], directory.networkId, 'Metrics');
      sockets = await Promise.all(members.map((member) => connectSocket(api, { token: member.token })));
      const received = sockets.map(
        (socket) => new Promise<MessageView>((resolve) => socket.once('message.created', resolve)),
      );
      for (const socket of sockets)
        await socket.timeout(5000).emitWithAck('thread.sync', { threads: [{ threadId: thread.id, lastSeq: 0 }] });
      const before = await scrape(metricsPort);

      const ack = await sockets[0]
        .timeout(5000)
        .emitWithAck('message.send', { threadId: thread.id, clientId: randomUUID(), body: 'counted, never logged' });
      expect(ack).toMatchObject({ ok: true });
      await Promise.all(received);
      const after = await scrape(metricsPort);

      const delta = (line: string) => (sample(after, line) ?? 0) - (sample(before, line) ?? 0);
      expect(delta('liaison_messages_sent_total')).toBe(1);
      expect(delta('liaison_message_send_duration_seconds_count')).toBe(1);
      expect(delta('liaison_message_send_batch_size_count')).toBe(1);
      expect(delta('liaison_realtime_deliveries_total{event="message.created"}')).toBe(2);
      expect(sample(after, 'liaison_realtime_sockets_open')).toBe(2);
      // Never the content: nothing of the body reaches the scrape.
      expect(after).not.toContain('never logged');
    });

    it('reports the pool, the queues and the event loop', async () => {
      const text = await scrape(metricsPort);
      for (const name of [
        'liaison_db_pool_clients',
        'liaison_db_pool_idle',
        'liaison_db_pool_waiting',
        'nodejs_eventloop_lag_p99_seconds',
        'process_cpu_seconds_total',
      ])
        expect(sample(text, name)).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'liaison_queue_jobs{queue="platform.sweep",state="waiting"}')).toBeGreaterThanOrEqual(0);
    });

    it('is not served on the public API port', async () => {
      // With the web app built, a path outside /api is the app's page (200, HTML); without it, a 404.
      const response = await fetch(`${api.url}/metrics`);
      expect(response.headers.get('content-type') ?? '').not.toContain('text/plain');
      expect(await response.text()).not.toContain('liaison_messages_sent_total');
      const underApi = await fetch(`${api.url}/api/metrics`);
      expect(underApi.status).toBe(404);
      expect(await underApi.text()).not.toContain('liaison_messages_sent_total');
    });

    it('answers nothing but GET /metrics on its own port', async () => {
      expect((await fetch(`http://127.0.0.1:${metricsPort}/`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { method: 'POST' })).status).toBe(404);
    });
  });

  it('is off unless a port is configured', async () => {
    const api = await startApp();
    try {
      expect(api.config.METRICS_PORT).toBe(0);
    } finally {
      await api.close();
    }
  });

  it('is served by the worker process, with its queues and how late their jobs start', async () => {
    const metricsPort = await closedPort();
    const worker = startBuilt(
      'worker.js',
      { ...testEnvironment(), ...queueEnv(await closedPort()), LOG_LEVEL: 'info', METRICS_PORT: String(metricsPort) },
      /worker ready/,
    );
    try {
      await worker.started;
      // The sweep runs on its schedule (every 500 ms here): a job whose lateness is observed.
      const text = await eventually(async () => {
        const scraped = await scrape(metricsPort);
        return (sample(scraped, 'liaison_queue_job_lateness_seconds_count{queue="platform.sweep"}') ?? 0) > 0
          ? scraped
          : undefined;
      }, 20_000);
      expect(sample(text, 'liaison_queue_jobs{queue="platform.sweep",state="failed"}')).toBe(0);
      expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'liaison_db_pool_waiting')).toBe(0);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  });
});
