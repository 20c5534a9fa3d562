import { randomUUID } from 'node:crypto';
import { call, signIn } from '../support/auth';
import { startBuilt } from '../support/cli';
import { storedRows } from '../support/database';
import { createUser } from '../support/factories';
import { TestSmtpServer } from '../support/mail';
import { createForumThread, networkWithMembers } from '../support/messaging';
import { closedPort } from '../support/net';
import { eventually, queueEnv } from '../support/queues';
import { RunningApp, startApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';

jest.setTimeout(120_000);

/** Long enough that the node is surely killed within the window. */
const NOTICE_DELAY_MS = 2000;

describe('"new messages" notices survive a crash', () => {
  let smtp: TestSmtpServer;
  let env: Record<string, string>;
  const processes: ReturnType<typeof startBuilt>[] = [];

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    env = queueEnv(smtp.port, {
      MESSAGE_RATE_PER_SECOND: '1000',
      MESSAGE_RATE_BURST: '2000',
      MESSAGE_NOTICE_DELAY_MS: String(NOTICE_DELAY_MS),
    });
  });
  afterAll(async () => {
    for (const child of processes) {
      if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
      await child.exited;
    }
    await smtp.stop();
  });

  const noticesOf = (userId: string) =>
    storedRows<{ kind: string }>(
      `SELECT e.kind FROM notifications n JOIN notification_events e ON e.id = n.event_id
        WHERE n.user_id = $1 AND e.kind = 'thread.new-messages'`,
      [userId],
    );

  it('an API node killed within the debounce window: the notice still arrives, exactly once, after a restart', async () => {
    // The directory and the people, through an in-process app that runs no queue workers.
    const helper: RunningApp = await startApp({ env });
    let author: { token: string };
    let offline: { user: { id: string } };
    let threadId: string;
    try {
      const admin = (await signIn(helper, await createUser(helper.app, 'admin'))).accessToken;
      const { members, directory } = await networkWithMembers(helper, admin, 2);
      [author, offline] = members;
      threadId = (await createForumThread(helper, members[0], directory.networkId, 'Crash')).id;
    } finally {
      await helper.close();
    }

    const port = await closedPort();
    const api = startBuilt(
      'main.js',
      { ...testEnvironment(), ...env, PORT: String(port), LOG_LEVEL: 'info' },
      /successfully started/,
    );
    processes.push(api);
    await api.started;
    const sent = await call(
      { url: `http://127.0.0.1:${port}` } as RunningApp,
      'POST',
      `/api/threads/${threadId}/messages`,
      {
        token: author.token,
        body: { clientId: randomUUID(), body: 'sent just before the crash' },
      },
    );
    expect(sent.status).toBe(201);
    api.child.kill('SIGKILL');
    await api.exited;
    // Killed within the window: nothing was noticed yet.
    expect(await noticesOf(offline.user.id)).toEqual([]);

    const worker = startBuilt('worker.js', { ...testEnvironment(), ...env, LOG_LEVEL: 'info' }, /worker ready/);
    processes.push(worker);
    await worker.started;
    await eventually(async () => (await noticesOf(offline.user.id)).length > 0, 20_000, 'the unread notice');
    // Once: another window's worth of time and a second worker change nothing.
    const second = startBuilt('worker.js', { ...testEnvironment(), ...env, LOG_LEVEL: 'info' }, /worker ready/);
    processes.push(second);
    await second.started;
    await new Promise((resolve) => setTimeout(resolve, NOTICE_DELAY_MS * 2));
    expect(await noticesOf(offline.user.id)).toHaveLength(1);
  });
});
