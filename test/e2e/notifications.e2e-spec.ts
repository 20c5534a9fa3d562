import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Deliveries, MailCatcher, NotificationView, Notifier } from '@liaison/notifications';
import { afterCommit } from '@liaison/platform';
import { call, signIn } from '../support/auth';
import { storedRows as rows } from '../support/database';
import { createDirectoryFixture, DirectoryFixture, inviteFocalPoint } from '../support/directory';
import { createUser, TestUser } from '../support/factories';
import { mailedLink, TestSmtpServer } from '../support/mail';
import { eventually, queueEnv, withWorkers } from '../support/queues';
import { closedPort } from '../support/net';
import { connectSocket } from '../support/sockets';
import { RunningApp, startApp } from '../support/test-app';
import { redisUrl } from '../support/test-env';

jest.setTimeout(60_000);

const INVITATION_LINK = /http:\/\/localhost:3000\/invitation#token=([A-Za-z0-9_-]{43})/;
const deliveryTo = (address: string) =>
  rows<{
    id: string;
    status: string;
    attempts: number;
    secret_link: string | null;
    message_id: string;
    unconfirmed: boolean;
    last_error: string | null;
  }>('SELECT d.* FROM notification_deliveries d WHERE d.address = $1', [address]).then((found) => found[0]);

describe('notifications: in-app delivery is exactly once', () => {
  let api: RunningApp;

  beforeAll(async () => {
    // No worker here: the test is the only one running the processor.
    api = await startApp({ env: queueEnv(await closedPort()) });
  });
  afterAll(() => api.close());

  it('queues work only once the transaction that asked for it has committed, and never after a rollback', async () => {
    const dataSource = api.app.get(DataSource);
    const ran: string[] = [];
    await dataSource.transaction(async (manager) => {
      afterCommit(manager, () => ran.push('committed'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(ran).toEqual([]);
    });
    await expect(
      dataSource.transaction(async (manager) => {
        afterCommit(manager, () => ran.push('rolled back'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual(['committed']);
  });

  it('creates one notification when the in-app processor runs twice at once with the same payload, every time', async () => {
    const user = await createUser(api.app, 'focal_point');
    const notifier = api.app.get(Notifier);
    const deliveries = api.app.get(Deliveries);
    for (let round = 0; round < 20; round += 1) {
      await api.app
        .get(DataSource)
        .transaction((manager) =>
          notifier.notify(manager, { kind: 'account.role-changed', recipients: [user.id], link: '/profile' }),
        );
    }
    const inApp = await rows<{ id: string }>(
      "SELECT id FROM notification_deliveries WHERE user_id = $1 AND channel = 'in_app'",
      [user.id],
    );
    expect(inApp).toHaveLength(20);
    for (const { id } of inApp) await Promise.all([deliveries.deliver(id), deliveries.deliver(id)]);

    const created = await rows<{ event_id: string; n: string }>(
      'SELECT event_id, count(*) AS n FROM notifications WHERE user_id = $1 GROUP BY event_id',
      [user.id],
    );
    expect(created).toHaveLength(20);
    expect(created.every((row) => row.n === '1')).toBe(true);
    const statuses = await rows<{ status: string; attempts: number }>(
      "SELECT status, attempts FROM notification_deliveries WHERE user_id = $1 AND channel = 'in_app'",
      [user.id],
    );
    expect(statuses.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
  });
});

describe('notifications: the bell, e-mail and preferences', () => {
  let smtp: TestSmtpServer;
  let api: RunningApp;
  let admin: TestUser;
  let adminToken: string;
  let directory: DirectoryFixture;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    // The sweep waits a minute here: deliveries must be queued by the after-commit hook, not found later.
    api = await withWorkers(await startApp({ env: queueEnv(smtp.port, { SWEEP_INTERVAL_MS: '60000' }) }));
    admin = await createUser(api.app, 'admin');
    adminToken = (await signIn(api, admin)).accessToken;
    directory = await createDirectoryFixture(api, adminToken);
  });
  afterAll(async () => {
    await api.close();
    await smtp.stop();
  });

  const focalPoint = () => createUser(api.app, 'focal_point', { authorityId: directory.authorityId });
  const addMember = (userId: string) =>
    call(api, 'POST', `/api/networks/${directory.networkId}/members`, { token: adminToken, body: { userId } });

  it('tells a person added to a network live, in the bell and by e-mail, with the kind, network, actor and link only', async () => {
    // Free text of the network and the authority that must never travel in a notification.
    const markers = ['ZEBU-DESCRIPTION-MARKER', 'TAMARIND-REMARK-MARKER'];
    expect(
      (
        await call(api, 'PATCH', `/api/networks/${directory.networkId}`, {
          token: adminToken,
          body: { description: markers[0] },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(api, 'PATCH', `/api/authorities/${directory.authorityId}`, {
          token: adminToken,
          body: { remarks: markers[1] },
        })
      ).status,
    ).toBe(200);
    const network = (await (
      await call(api, 'GET', `/api/networks/${directory.networkId}`, { token: adminToken })
    ).json()) as { name: string };

    const user = await focalPoint();
    const token = (await signIn(api, user)).accessToken;
    const socket = await connectSocket(api, { token });
    const pushed = new Promise<{ notification: NotificationView; unread: number }>((resolve) =>
      socket.once('notification.created', resolve),
    );

    expect((await addMember(user.id)).status).toBe(201);

    const event = await pushed;
    expect(Object.keys(event).sort()).toEqual(['notification', 'unread']);
    expect(event.unread).toBe(1);
    const notification = event.notification;
    expect(Object.keys(notification).sort()).toEqual([
      'actor',
      'createdAt',
      'id',
      'kind',
      'link',
      'network',
      'readAt',
      'reference',
    ]);
    expect(notification).toMatchObject({
      kind: 'network.member-added',
      reference: null,
      network: { id: directory.networkId, name: network.name },
      actor: { id: admin.id, displayName: 'Test admin' },
      link: '/profile',
      readAt: null,
    });

    const list = (await (await call(api, 'GET', '/api/notifications', { token })).json()) as { items: unknown[] };
    expect(list.items).toEqual([notification]);
    expect(await (await call(api, 'GET', '/api/notifications/unread-count', { token })).json()).toEqual({ unread: 1 });

    const mail = await eventually(() => smtp.to(user.email)[0], 10_000, 'the e-mail');
    const stored = await rows<{ message_id: string }>(
      "SELECT message_id FROM notification_deliveries WHERE user_id = $1 AND channel = 'email'",
      [user.id],
    );
    expect(mail.parsed.messageId).toBe(stored[0].message_id);
    expect(mail.parsed.subject).toContain(network.name);
    expect(mail.parsed.text).toContain('http://localhost:3000/profile');
    expect(mail.parsed.text).toContain('Test admin');

    const storedEvent = await rows(
      'SELECT e.* FROM notification_events e JOIN notifications n ON n.event_id = e.id WHERE n.user_id = $1',
      [user.id],
    );
    for (const carrier of [
      JSON.stringify(storedEvent),
      JSON.stringify(event),
      mail.parsed.text ?? '',
      mail.parsed.subject ?? '',
    ]) {
      for (const marker of markers) expect(carrier).not.toContain(marker);
    }

    const readEvent = new Promise((resolve) => socket.once('notification.read', resolve));
    const read = await call(api, 'POST', `/api/notifications/${String(notification.id)}/read`, { token });
    expect(await read.json()).toEqual({ unread: 0 });
    await expect(readEvent).resolves.toEqual({ unread: 0 });
    socket.close();
  });

  it('answers 404 for another user’s notification and 400 for a malformed id', async () => {
    const owner = await focalPoint();
    expect((await addMember(owner.id)).status).toBe(201);
    const ownerToken = (await signIn(api, owner)).accessToken;
    const [mine] = await eventually(async () => {
      const page = (await (await call(api, 'GET', '/api/notifications', { token: ownerToken })).json()) as {
        items: { id: string }[];
      };
      return page.items.length > 0 && page.items;
    });
    const stranger = (await signIn(api, await focalPoint())).accessToken;
    expect((await call(api, 'GET', `/api/notifications/${mine.id}`, { token: stranger })).status).toBe(404);
    expect((await call(api, 'POST', `/api/notifications/${mine.id}/read`, { token: stranger })).status).toBe(404);
    expect((await call(api, 'GET', `/api/notifications/${mine.id}`, { token: ownerToken })).status).toBe(200);
    const malformed = await call(api, 'POST', '/api/notifications/not-a-uuid/read', { token: stranger });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { field: string }[] }).errors[0].field).toBe('id');
    const forgedCursor = await call(api, 'GET', '/api/notifications?cursor=Zm9yZ2Vk', { token: stranger });
    expect(forgedCursor.status).toBe(400);
    // Still unread for its owner: the stranger's attempt changed nothing.
    expect(await (await call(api, 'GET', '/api/notifications/unread-count', { token: ownerToken })).json()).toEqual({
      unread: 1,
    });
  });

  it('follows each person’s choice of kinds by e-mail, and refuses a kind that does not exist', async () => {
    const user = await focalPoint();
    const token = (await signIn(api, user)).accessToken;
    const defaults = (await (await call(api, 'GET', '/api/me/notification-preferences', { token })).json()) as {
      kind: string;
      email: boolean;
    }[];
    expect(defaults).toEqual(
      expect.arrayContaining([
        { kind: 'network.member-added', email: true },
        { kind: 'account.role-changed', email: true },
      ]),
    );
    expect(defaults.map((entry) => entry.kind)).not.toContain('account.invitation');

    const saved = await call(api, 'PUT', '/api/me/notification-preferences', {
      token,
      body: { preferences: [{ kind: 'network.member-added', email: false }] },
    });
    expect(saved.status).toBe(200);
    const choices = (await saved.json()) as unknown[];
    expect(choices).toEqual(expect.arrayContaining([{ kind: 'network.member-added', email: false }]));

    expect((await addMember(user.id)).status).toBe(201);
    const channels = await rows<{ channel: string }>('SELECT channel FROM notification_deliveries WHERE user_id = $1', [
      user.id,
    ]);
    expect(channels.map((row) => row.channel)).toEqual(['in_app']);

    const unknown = await call(api, 'PUT', '/api/me/notification-preferences', {
      token,
      body: { preferences: [{ kind: 'thread.subject-leak', email: true }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(((await unknown.json()) as { errors: { field: string }[] }).errors[0].field).toBe('preferences.0.kind');
    const malformed = await call(api, 'PUT', '/api/me/notification-preferences', {
      token,
      body: { preferences: [{ kind: 'network.member-added', email: 'yes' }] },
    });
    expect(malformed.status).toBe(400);
    // The refused requests left the stored choice as it was.
    expect(await (await call(api, 'GET', '/api/me/notification-preferences', { token })).json()).toEqual(choices);
  });

  it('e-mails the invitation with a working link, sealed in PostgreSQL until sent and never in Redis', async () => {
    const email = await inviteFocalPoint(api, adminToken, directory);
    const { token } = await mailedLink(smtp, email);
    const preview = await call(api, 'POST', '/api/invitations/preview', { body: { token } });
    expect(preview.status).toBe(200);
    expect(((await preview.json()) as { email: string }).email).toBe(email);
    const delivery = await eventually(async () => {
      const row = await deliveryTo(email);
      return row?.status === 'sent' && row;
    });
    // Once sent, the one-time link is erased from the delivery row.
    expect(delivery.secret_link).toBeNull();
  });

  it('escapes what people typed in every part of the e-mail: no markup in HTML, no forged line or header', async () => {
    // A name stored before names were checked (or written past the API): the e-mail must still be safe.
    const inviter = await createUser(api.app, 'secretariat', {
      displayName: '<img src=x onerror=alert(1)> Eve\r\nBcc: victim@evil.example\r\n\r\nClick http://evil.example',
    });
    const token = (await signIn(api, inviter)).accessToken;
    const email = `escaped-${randomUUID().slice(0, 8)}@test.liaison.example`;
    expect(
      (
        await call(api, 'POST', '/api/invitations', {
          token,
          body: { email, role: 'focal_point', authorityId: directory.authorityId, networkIds: [directory.networkId] },
        })
      ).status,
    ).toBe(201);
    const { mail, url } = await mailedLink(smtp, email);
    const html = String(mail.parsed.html);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; Eve Bcc: victim@evil.example Click http://evil.example');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(`<a href="${url}">`);
    const text = mail.parsed.text ?? '';
    expect(text).toMatch(
      /^<img src=x onerror=alert\(1\)> Eve Bcc: victim@evil\.example Click http:\/\/evil\.example invites you/,
    );
    // One recipient, no header made from the name.
    expect(mail.to).toEqual([email]);
    expect(mail.parsed.headers.has('bcc')).toBe(false);
    expect(smtp.received.filter((received) => received.to.includes('victim@evil.example'))).toEqual([]);
  });
});

describe('notifications: e-mail when the SMTP relay is away', () => {
  let api: RunningApp;
  let admin: TestUser;
  let adminToken: string;
  let directory: DirectoryFixture;
  let smtp: TestSmtpServer;
  const env: Record<string, string> = {};

  beforeAll(async () => {
    smtp = new TestSmtpServer(await closedPort());
    Object.assign(env, queueEnv(smtp.port, { QUEUE_ATTEMPTS: '4' }));
    api = await withWorkers(await startApp({ env }));
    admin = await createUser(api.app, 'admin');
    adminToken = (await signIn(api, admin)).accessToken;
    directory = await createDirectoryFixture(api, adminToken);
  });
  afterAll(async () => {
    await api.close();
    await smtp.stop();
  });

  it('retries with backoff while the server is down, keeping the link out of Redis, and delivers once it is back', async () => {
    const email = await inviteFocalPoint(api, adminToken, directory);
    const failing = await eventually(
      async () => {
        const row = await deliveryTo(email);
        return row?.status === 'failed' && row.attempts >= 2 && row;
      },
      10_000,
      'two failed attempts',
    );
    expect(failing.last_error).toMatch(/ECONNREFUSED|connect/i);
    // Sealed with the keyring: a ciphertext naming its key, not the link.
    expect(failing.secret_link).toMatch(/^v1\.dev1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(failing.secret_link).not.toContain('invitation');
    // The issuer sees that the e-mail has not left; the link's validity has not started.
    const invitations = (await (await call(api, 'GET', '/api/invitations', { token: adminToken })).json()) as {
      email: string;
      status: string;
      expiresAt: string | null;
    }[];
    expect(invitations.find((link) => link.email === email)).toMatchObject({ status: 'failed', expiresAt: null });

    // Every value under this app's Redis prefix: the sealed link must not be there in any form.
    const redis = new Redis(redisUrl);
    try {
      const keys = await redis.keys(`${env.REDIS_PREFIX}*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'hash' ? JSON.stringify(await redis.hgetall(key)) : type === 'string' ? await redis.get(key) : '';
        expect(value ?? '').not.toMatch(/#token=/);
      }
    } finally {
      redis.disconnect();
    }

    await smtp.start();
    const mail = await eventually(() => smtp.to(email)[0], 15_000, 'the e-mail after the server came back');
    expect(INVITATION_LINK.test(mail.parsed.text ?? '')).toBe(true);
    const sent = await eventually(async () => {
      const row = await deliveryTo(email);
      return row?.status === 'sent' && row;
    });
    expect(sent.attempts).toBeGreaterThanOrEqual(3);
    expect(sent.last_error).toBeNull();
    expect(smtp.to(email)).toHaveLength(1);
    const after = (await (await call(api, 'GET', '/api/invitations', { token: adminToken })).json()) as {
      email: string;
      status: string;
    }[];
    expect(after.find((link) => link.email === email)?.status).toBe('sent');
  });

  it('keeps a job that used every attempt for admins, with its reason, and runs it again on retry', async () => {
    await smtp.stop();
    const email = await inviteFocalPoint(api, adminToken, directory);
    const delivery = await eventually(async () => (await deliveryTo(email)) ?? false);
    const jobId = `deliver-${delivery.id}`;
    type Failed = { queue: string; id: string; reason: string; attempts: number; payload: unknown };
    const failed = await eventually(
      async () => {
        const list = (await (
          await call(api, 'GET', '/api/admin/jobs/failed', { token: adminToken })
        ).json()) as Failed[];
        return list.find((job) => job.id === jobId);
      },
      20_000,
      'the failed job in the admin list',
    );
    expect(failed).toMatchObject({ queue: 'notifications.deliver', attempts: 4, payload: { deliveryId: delivery.id } });
    expect(failed.reason).toMatch(/e-mail not sent/);

    const attention = (await (await call(api, 'GET', '/api/admin/deliveries', { token: adminToken })).json()) as {
      id: string;
      status: string;
    }[];
    expect(attention).toEqual(expect.arrayContaining([expect.objectContaining({ id: delivery.id, status: 'failed' })]));

    const focal = (await signIn(api, await createUser(api.app, 'focal_point'))).accessToken;
    expect((await call(api, 'GET', '/api/admin/jobs/failed', { token: focal })).status).toBe(403);
    expect(
      (await call(api, 'POST', `/api/admin/jobs/notifications.deliver/${jobId}/retry`, { token: focal })).status,
    ).toBe(403);
    expect(
      (
        await call(api, 'POST', `/api/admin/jobs/notifications.deliver/deliver-${randomUUID()}/retry`, {
          token: adminToken,
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(api, 'POST', `/api/admin/jobs/no.such.queue/${jobId}/retry`, { token: adminToken })).status,
    ).toBe(404);

    await smtp.start();
    expect(
      (await call(api, 'POST', `/api/admin/jobs/notifications.deliver/${jobId}/retry`, { token: adminToken })).status,
    ).toBe(204);
    await eventually(() => smtp.to(email)[0], 10_000, 'the e-mail after the retry');
    expect(
      (await call(api, 'POST', `/api/admin/jobs/notifications.deliver/${jobId}/retry`, { token: adminToken })).status,
    ).toBe(404);
    const audit = (await (await call(api, 'GET', '/api/audit?action=job.retried', { token: adminToken })).json()) as {
      items: { targetId: string }[];
    };
    expect(audit.items.map((entry) => entry.targetId)).toContain(`notifications.deliver/${jobId}`);
  });
});

describe('notifications: the local mail catcher', () => {
  let api: RunningApp;
  let catcher: MailCatcher;

  beforeAll(async () => {
    const port = await closedPort();
    // No SMTP_HOST outside production: e-mail goes to the catcher on MAIL_CATCHER_PORT.
    api = await withWorkers(
      await startApp({ env: { ...queueEnv(port), SMTP_HOST: '', MAIL_CATCHER_PORT: String(port) } }),
    );
    catcher = new MailCatcher(api.app.get(DataSource));
    await catcher.listen(port);
  });
  afterAll(async () => {
    await api.close();
    await catcher.close();
  });

  it('catches what the worker sends and shows it to admins only, as plain text', async () => {
    const adminToken = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    const directory = await createDirectoryFixture(api, adminToken);
    const email = await inviteFocalPoint(api, adminToken, directory);
    type Caught = { id: string; to: string[]; subject: string; messageId: string | null };
    const caught = await eventually(
      async () => {
        const list = (await (await call(api, 'GET', '/api/admin/mail', { token: adminToken })).json()) as Caught[];
        return list.find((mail) => mail.to.includes(email));
      },
      10_000,
      'the caught invitation',
    );
    expect(caught.subject).toBe('You are invited to Liaison');
    const [delivery] = await rows<{ message_id: string }>(
      'SELECT message_id FROM notification_deliveries WHERE address = $1',
      [email],
    );
    expect(caught.messageId).toBe(delivery.message_id);
    const one = (await (await call(api, 'GET', `/api/admin/mail/${caught.id}`, { token: adminToken })).json()) as {
      text: string;
    };
    expect(one.text).toMatch(INVITATION_LINK);
    const focal = (await signIn(api, await createUser(api.app, 'focal_point'))).accessToken;
    expect((await call(api, 'GET', '/api/admin/mail', { token: focal })).status).toBe(403);
    expect((await call(api, 'GET', `/api/admin/mail/${randomUUID()}`, { token: adminToken })).status).toBe(404);
  });
});
