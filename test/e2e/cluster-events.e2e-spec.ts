import { ClusterEvents, DomainEvents, AuditService } from '@liaison/platform';
import { DataSource } from 'typeorm';
import { RunningApp, startApp } from '../support/test-app';

declare module '@liaison/platform' {
  interface ClusterEventMap {
    'test.session-revoked': { sessionId: string };
  }
  interface DomainEventMap {
    'test.member-added': { networkId: string };
  }
}

describe('event bus', () => {
  let first: RunningApp;
  let second: RunningApp;

  beforeAll(async () => {
    [first, second] = await Promise.all([startApp(), startApp()]);
    await Promise.all([first, second].map((node) => node.app.get(ClusterEvents).ready()));
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  it('delivers a cross-node event published on one API instance to another, and to itself', async () => {
    const publisher = first.app.get(ClusterEvents);
    const receivedBySecond = new Promise<{ payload: { sessionId: string }; origin: string }>((resolve) =>
      second.app
        .get(ClusterEvents)
        .on('test.session-revoked', (payload, meta) => resolve({ payload, origin: meta.origin })),
    );
    const receivedByFirst = new Promise<string>((resolve) =>
      publisher.on('test.session-revoked', (payload) => resolve(payload.sessionId)),
    );
    await publisher.publish('test.session-revoked', { sessionId: 's-42' });
    await expect(receivedBySecond).resolves.toEqual({ payload: { sessionId: 's-42' }, origin: publisher.nodeId });
    await expect(receivedByFirst).resolves.toBe('s-42');
  });

  it('runs in-process handlers inside the publisher transaction: a failing handler rolls the change back', async () => {
    const events = first.app.get(DomainEvents);
    const audit = first.app.get(AuditService);
    const dataSource = first.app.get(DataSource);
    events.on('test.member-added', async (payload, manager) => {
      await audit.append({ action: 'test.handler-ran', targetId: payload.networkId }, manager);
      if (payload.networkId === 'refused') throw new Error('the handler refuses');
    });
    const count = async (targetId: string) =>
      Number(
        (
          await dataSource.query<{ count: string }[]>(
            "SELECT count(*) FROM audit_log WHERE action = 'test.handler-ran' AND target_id = $1",
            [targetId],
          )
        )[0].count,
      );

    await dataSource.transaction((manager) => events.publish('test.member-added', { networkId: 'accepted' }, manager));
    expect(await count('accepted')).toBe(1);

    await expect(
      dataSource.transaction((manager) => events.publish('test.member-added', { networkId: 'refused' }, manager)),
    ).rejects.toThrow('the handler refuses');
    expect(await count('refused')).toBe(0);
  });
});
