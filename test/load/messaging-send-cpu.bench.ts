/**
 * The send path's CPU per message, in process, without sockets: A/B of the group-committed path
 * (`MessagesService.send`) against one transaction per send (the path a failed batch falls back to, which
 * is the send path as it was before group commit). Both run in one process against the same database, one
 * after the other, so a shared, loaded machine weighs on both alike. What it measures: this process's CPU
 * (user + system) per stored message and the wall time for the lot; PostgreSQL's CPU is not included.
 *
 *   npm run bench:messaging -- --help            (the full harness)
 *   node dist/bench/test/load/messaging-send-cpu.bench.js   (after `npm run bench:messaging` compiled it)
 *
 * SEND_CPU_THREADS (default 100) threads of 10, SEND_CPU_MESSAGES (default 4000) messages per path sent at
 * SEND_CPU_CONCURRENCY (default 200) in flight, SEND_CPU_WORDS (default 45) words each.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import { AuthUser } from '@liaison/identity';
import { MessageSender, MessagesService, ThreadsService } from '@liaison/messaging';
import { dropDatabase, runMigrations, setupDatabase, withDatabase } from '@liaison/platform';
import { WorkerModule } from '../../apps/api/src/worker.module';
import { User } from '../../libs/identity/src/users/user.entity';
import { messageText } from './texts';

const int = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const THREADS = int('SEND_CPU_THREADS', 100);
const MESSAGES = int('SEND_CPU_MESSAGES', 4000);
const CONCURRENCY = int('SEND_CPU_CONCURRENCY', 200);
const WORDS = int('SEND_CPU_WORDS', 45);
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<void> {
  const id = `${Date.now().toString(36)}_${process.pid}`;
  const database = `liaison_bench_${id}`;
  const urls = {
    app: withDatabase('postgres://liaison_app@127.0.0.1:5432/liaison', database),
    owner: withDatabase('postgres://liaison_owner@127.0.0.1:5432/liaison', database),
  };
  await setupDatabase(ADMIN_URL, urls);
  await runMigrations(urls.owner);
  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATABASE_URL: urls.app,
    DATABASE_POOL_SIZE: '20',
    REDIS_PREFIX: `liaison-bench-${id.replace('_', '-')}`,
    LOG_LEVEL: 'warn',
    METRICS_PORT: '0',
    MESSAGE_RATE_PER_SECOND: '10000',
    MESSAGE_RATE_BURST: '20000',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: '9',
  });
  const context = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  try {
    const users = context.get(DataSource).getRepository(User);
    const created = await users.save(
      Array.from({ length: THREADS * 10 }, (_, index) =>
        users.create({
          email: `send-cpu-${index}-${id}@bench.liaison.example`,
          displayName: `Bench ${index}`,
          role: 'focal_point',
          passwordHash: 'bench-no-password',
          totpSecret: 'unused',
        }),
      ),
    );
    const actor = (user: User): AuthUser => ({
      id: user.id,
      sessionId: randomUUID(),
      role: 'focal_point',
      email: user.email,
    });
    const threads = context.get(ThreadsService);
    const rooms: { threadId: string; sender: AuthUser }[] = [];
    for (let room = 0; room < THREADS; room += 1) {
      const members = created.slice(room * 10, room * 10 + 10);
      const thread = await threads.createPrivate(
        actor(members[0]),
        `Send CPU ${room}`,
        members.slice(1).map((member) => member.id),
        {},
      );
      rooms.push({ threadId: thread.id, sender: actor(members[0]) });
    }
    const service = context.get(MessagesService);
    const sender = context.get(MessageSender);
    const alone = (sender as unknown as { sendAlone: MessagesService['send'] }).sendAlone.bind(sender);
    const paths: [string, MessagesService['send']][] = [
      ['one transaction per send (before)', alone],
      ['group commit (after)', service.send.bind(service)],
      ['one transaction per send (before), again', alone],
      ['group commit (after), again', service.send.bind(service)],
    ];
    const results = [];
    for (const [name, send] of paths) {
      let next = 0;
      let failed = 0;
      const cpu = process.cpuUsage();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let index = next++; index < MESSAGES; index = next++) {
            const room = rooms[index % rooms.length];
            await send(room.sender, room.threadId, {
              clientId: randomUUID(),
              body: messageText(WORDS, WORDS),
            }).catch(() => (failed += 1));
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      results.push({
        path: name,
        messages: MESSAGES,
        'wall s': +seconds.toFixed(2),
        failed,
        'stored/s': Math.round((MESSAGES - failed) / seconds),
        'CPU ms/msg': +((used.user + used.system) / 1000 / Math.max(1, MESSAGES - failed)).toFixed(3),
        'load avg': +loadavg()[0].toFixed(1),
      });
      console.log(JSON.stringify(results[results.length - 1]));
    }
    console.table(results);
  } finally {
    await context.close().catch(() => undefined);
    await dropDatabase(ADMIN_URL, database).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
