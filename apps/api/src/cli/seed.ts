import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource, EntityManager } from 'typeorm';
import { insertDemoTicket } from '@liaison/helpdesk';
import { hashPassword, totpSecretContext } from '@liaison/identity';
import { BlindIndex, ThreadCrypto } from '@liaison/messaging';
import { AppConfig, AuditService, Keyring, PlatformModule } from '@liaison/platform';
import { randomUUID } from 'node:crypto';
import { featureEntities } from '../entities';
import { DEMO_AUTHORITIES, DEMO_DOCUMENTS, DEMO_NETWORKS, DEMO_STATES } from './demo-directory';
import { DEMO_USERS } from './demo-users';
import { DEMO_MEETINGS } from './demo-meetings';
import { DEMO_THREADS } from './demo-threads';
import { DEMO_TICKETS } from './demo-tickets';
import { runCli } from './run-cli';

@Module({ imports: [PlatformModule.forRoot({ entities: featureEntities })] })
class SeedModule {}

/** The one generated column the seed reads back; entities are named, not imported (they are each library's own). */
async function inserted(manager: EntityManager, entity: string, values: object): Promise<string> {
  const result = await manager.insert(entity, values);
  return (result.identifiers[0] as { id: string }).id;
}

/** Adds what is missing, keyed by natural keys (State code, network slug, authority name, e-mail). */
async function seed(
  manager: EntityManager,
  keyring: Keyring,
  crypto: ThreadCrypto,
  searchIndex: BlindIndex,
  timeZone: string,
): Promise<string[]> {
  const added: string[] = [];
  for (const state of DEMO_STATES) {
    if (await manager.exists('State', { where: { code: state.code } })) continue;
    await manager.insert('State', state);
    added.push(`state ${state.code}`);
  }
  const networks = new Map<string, string>();
  for (const input of DEMO_NETWORKS) {
    const existing = await manager.findOne<{ id: string; slug: string }>('Network', { where: { slug: input.slug } });
    const networkId =
      existing?.id ??
      (await inserted(manager, 'Network', {
        slug: input.slug,
        name: input.name,
        description: input.description,
        demo: true,
      }));
    if (!existing) {
      await manager.insert(
        'NetworkState',
        input.stateCodes.map((stateCode) => ({ networkId, stateCode })),
      );
      added.push(`network ${input.slug}`);
    }
    networks.set(input.slug, networkId);
  }
  const authorities = new Map<string, { id: string; timeZone: string; stateCode: string }>();
  for (const { key, ...input } of DEMO_AUTHORITIES) {
    const existing = await manager.findOne<{ id: string; name: string; timeZone: string; stateCode: string }>(
      'Authority',
      { where: { name: input.name } },
    );
    let authority = existing ? { id: existing.id, timeZone: existing.timeZone, stateCode: existing.stateCode } : null;
    if (!authority) {
      const id = await inserted(manager, 'Authority', {
        ...input,
        documentsRequired: DEMO_DOCUMENTS,
        lastVerified: '2026-11-01',
        demo: true,
      });
      authority = { id, timeZone: input.timeZone, stateCode: input.stateCode };
      added.push(`authority ${key}`);
    }
    authorities.set(key, authority);
  }
  for (const demo of DEMO_USERS) {
    const existing = await manager.findOne<{ id: string; email: string; totpSecret: string }>('User', {
      where: { email: demo.email },
    });
    if (existing) {
      // Databases seeded before TOTP secrets were encrypted: seal the demo secrets now.
      if (Keyring.keyIdOf(existing.totpSecret) === null) {
        await manager.update(
          'User',
          { id: existing.id },
          { totpSecret: keyring.encrypt(existing.totpSecret, totpSecretContext(existing.id)), totpSecretBound: true },
        );
        added.push(`sealed TOTP secret of ${demo.email}`);
      }
      continue;
    }
    const authority = demo.authority ? authorities.get(demo.authority) : undefined;
    const id = randomUUID();
    await manager.insert('User', {
      id,
      email: demo.email,
      displayName: demo.displayName,
      role: demo.role,
      passwordHash: await hashPassword(demo.password),
      totpSecret: keyring.encrypt(demo.totpSecret, totpSecretContext(id)),
      totpSecretBound: true,
      authorityId: authority?.id ?? null,
      timeZone: authority?.timeZone ?? 'UTC',
    });
    for (const slug of demo.networks ?? []) {
      const networkRole = demo.coordinates?.includes(slug) ? 'coordinator' : 'member';
      await manager.insert('NetworkMember', {
        networkId: networks.get(slug),
        userId: id,
        networkRole,
        addedBy: null,
      });
    }
    added.push(`user ${demo.email}`);
  }
  // Demo conversations, once: only into a database that has no thread yet.
  const threadIds = new Map<string, string>();
  if ((await manager.count('Thread')) === 0) {
    const people = await manager.find<{ id: string; email: string }>('User', { select: { id: true, email: true } });
    const users = new Map(people.map((user) => [user.email, user.id]));
    for (const demo of DEMO_THREADS) {
      const id = randomUUID();
      const createdBy = users.get(demo.messages[0].author) as string;
      const { wrappedKey, masterKeyId } = crypto.newKey(id);
      const thread = { id, wrappedKey };
      await manager.insert('Thread', {
        id,
        kind: demo.network ? 'forum' : 'private',
        networkId: demo.network ? networks.get(demo.network) : null,
        createdBy,
        wrappedKey,
        masterKeyId,
        subjectSealed: crypto.seal(thread, { kind: 'subject', threadId: id }, demo.subject),
        lastSeq: String(demo.messages.length),
      });
      threadIds.set(demo.subject, id);
      for (const email of demo.participants ?? []) {
        await manager.insert('ThreadParticipant', { threadId: id, userId: users.get(email), addedBy: createdBy });
      }
      for (const [index, message] of demo.messages.entries()) {
        const messageId = randomUUID();
        await manager.insert('Message', {
          id: messageId,
          threadId: id,
          seq: String(index + 1),
          clientId: randomUUID(),
          authorId: users.get(message.author),
          bodySealed: crypto.seal(thread, { kind: 'message', messageId }, message.body),
          // Searchable like any message.
          searchTokens: searchIndex.tokens(message.body),
        });
      }
      added.push(`thread "${demo.subject}"`);
    }
  }
  // Demo helpdesk tickets, once: only into a database that has none yet.
  const [{ n: tickets }] = (await manager.query('SELECT count(*)::int AS n FROM helpdesk_tickets')) as { n: number }[];
  if (tickets === 0) {
    const people = await manager.find<{ id: string; email: string }>('User', { select: { id: true, email: true } });
    const users = new Map(people.map((user) => [user.email, user.id]));
    const secretariatId = users.get('secretariat@demo.liaison.example') as string;
    for (const demo of DEMO_TICKETS) {
      const requester = authorities.get(demo.requester) as { id: string; stateCode: string };
      const requested = authorities.get(demo.requested) as { id: string; stateCode: string };
      const reference = await insertDemoTicket(
        manager,
        { keyring, threadCrypto: crypto, timeZone, now: new Date(), secretariatId },
        {
          ...demo,
          filedBy: users.get(demo.filedBy) as string,
          requesterAuthorityId: requester.id,
          requesterStateCode: requester.stateCode,
          requestedAuthorityId: requested.id,
          requestedStateCode: requested.stateCode,
          networkIds: [networks.get(demo.network) as string],
          assigneeId: demo.assigned ? secretariatId : null,
          publicMessages: demo.publicMessages?.map((message) => ({
            authorId: users.get(message.author) as string,
            body: message.body,
          })),
        },
      );
      added.push(`ticket ${reference}`);
    }
  }
  // Meetings are meetings' entities, named here by entity name (its public API exports no entity class).
  const meetings = manager.getRepository('Meeting');
  for (const demo of DEMO_MEETINGS) {
    if (await meetings.exists({ where: { title: demo.title } })) continue;
    const organizer = await manager.findOne<{ id: string; email: string }>('User', {
      where: { email: demo.organizer },
    });
    const networkId = networks.get(demo.network);
    if (!organizer || !networkId) continue;
    const { network: _network, organizer: _organizer, minutesThread, ...fields } = demo;
    await meetings.insert({
      ...fields,
      networkId,
      organizerId: organizer.id,
      inviteScope: 'network',
      reminderMinutes: [1440, 60],
      // Posted the day after the meeting.
      minutesPostedAt: demo.minutes ? new Date(Date.parse(`${demo.startLocal}:00Z`) + 86_400_000) : null,
      forumThreadId: (minutesThread && threadIds.get(minutesThread)) || null,
      demo: true,
    });
    added.push(`meeting "${demo.title}"`);
  }
  return added;
}

/** `npm run db:seed`: adds the demo data that is not there yet. Never in production. */
runCli(async () => {
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    if (app.get(AppConfig).isProduction) throw new Error('the demo seed never runs in production');
    const added = await app.get(DataSource).transaction(async (manager) => {
      const config = app.get(AppConfig);
      const index = new BlindIndex(Buffer.from(config.SEARCH_INDEX_KEY, 'base64'));
      const rows = await seed(
        manager,
        app.get(Keyring),
        new ThreadCrypto(app.get(Keyring), app.get(AuditService)),
        index,
        config.HELPDESK_TIME_ZONE,
      );
      if (rows.length) await app.get(AuditService).append({ action: 'demo.seeded', details: { added: rows } }, manager);
      return rows;
    });
    console.log(added.length ? `demo data added: ${added.join(', ')}` : 'demo data already present');
  } finally {
    await app.close();
  }
});
