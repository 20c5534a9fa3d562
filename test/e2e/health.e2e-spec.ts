import { closedPort, TcpRelay } from '../support/net';
import { RunningApp, startApp } from '../support/test-app';
import { databaseUrls, currentTestRun } from '../support/test-env';

interface Readiness {
  status: 'ok' | 'error';
  details: Record<string, { status: 'up' | 'down' }>;
}

async function readiness(app: RunningApp): Promise<{ code: number; body: Readiness }> {
  const response = await fetch(`${app.url}/health/ready`);
  return { code: response.status, body: (await response.json()) as Readiness };
}

function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
}

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('health', () => {
  it('is live and ready when PostgreSQL and Redis answer', async () => {
    const app = await startApp();
    try {
      expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
      const { code, body } = await readiness(app);
      expect(code).toBe(200);
      expect(body.status).toBe('ok');
      expect(body.details).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
    } finally {
      await app.close();
    }
  });

  it('reports PostgreSQL down when it is unreachable, still live, and up once it comes back', async () => {
    const port = await closedPort();
    const app = await startApp({ env: { DATABASE_URL: withPort(databaseUrls(currentTestRun()).app, port) } });
    const relay = new TcpRelay(5432, port);
    try {
      expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
      const down = await readiness(app);
      expect(down.code).toBe(503);
      expect(down.body.status).toBe('error');
      expect(down.body.details.database.status).toBe('down');
      expect(down.body.details.redis.status).toBe('up');

      await relay.open();
      const up = await eventually(
        () => readiness(app),
        (result) => result.code === 200,
      );
      expect(up.body.details.database.status).toBe('up');
    } finally {
      await app.close();
      await relay.close();
    }
  });

  it('reports Redis down when it is unreachable', async () => {
    const app = await startApp({ env: { REDIS_URL: `redis://127.0.0.1:${await closedPort()}` } });
    try {
      const { code, body } = await readiness(app);
      expect(code).toBe(503);
      expect(body.details.redis.status).toBe('down');
      expect(body.details.database.status).toBe('up');
    } finally {
      await app.close();
    }
  });

  it('reports Redis down when its connection drops after start-up', async () => {
    const relay = await new TcpRelay(6379).open();
    const app = await startApp({ env: { REDIS_URL: `redis://127.0.0.1:${relay.port}` } });
    try {
      expect(
        (
          await eventually(
            () => readiness(app),
            (result) => result.code === 200,
          )
        ).code,
      ).toBe(200);
      await relay.close();
      const { code, body } = await readiness(app);
      expect(code).toBe(503);
      expect(body.details.redis.status).toBe('down');
    } finally {
      await app.close();
    }
  });
});
