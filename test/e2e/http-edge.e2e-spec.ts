import { PROBLEM_CONTENT_TYPE, ProblemDocument } from '@liaison/platform';
import { ProbeModule } from '../support/probe.module';
import { RunningApp, startApp } from '../support/test-app';

function post(app: RunningApp, path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

async function problem(response: Response): Promise<ProblemDocument> {
  expect(response.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
  return (await response.json()) as ProblemDocument;
}

describe('HTTP edge', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ modules: [ProbeModule] });
  });
  afterAll(() => app.close());

  describe('errors are RFC 9457 problem+json naming the field', () => {
    it('accepts a valid body', async () => {
      const response = await post(app, '/api/test-probe', JSON.stringify({ name: 'Mahé', count: 2 }));
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ name: 'Mahé', count: 2 });
    });

    it('malformed JSON', async () => {
      const response = await post(app, '/api/test-probe', '{"name": "Mahé", count: }');
      expect(response.status).toBe(400);
      const body = await problem(response);
      expect(body).toMatchObject({ type: '/problems/malformed-json', status: 400, instance: '/api/test-probe' });
      expect(body.errors).toEqual([{ field: 'body', message: 'must be well-formed JSON' }]);
    });

    it('unknown fields', async () => {
      const response = await post(app, '/api/test-probe', JSON.stringify({ name: 'x', count: 1, isAdmin: true }));
      expect(response.status).toBe(400);
      const body = await problem(response);
      expect(body.type).toBe('/problems/validation');
      expect(body.errors).toEqual([{ field: 'isAdmin', message: 'property isAdmin should not exist' }]);
    });

    it('wrong types, each field named, nested ones by path', async () => {
      const response = await post(
        app,
        '/api/test-probe',
        JSON.stringify({ name: 42, count: 'three', contact: { email: 'not-an-address' } }),
      );
      expect(response.status).toBe(400);
      const fields = (await problem(response)).errors?.map((error) => error.field);
      expect(fields).toEqual(['name', 'count', 'contact.email']);
    });

    it('a body over the limit is 413, not a crash', async () => {
      const response = await post(app, '/api/test-probe', JSON.stringify({ name: 'x'.repeat(2_000_000), count: 1 }));
      expect(response.status).toBe(413);
      expect((await problem(response)).type).toBe('/problems/payload-too-large');
    });

    it('an unknown route is a 404 problem', async () => {
      const response = await fetch(`${app.url}/api/no-such-route`);
      expect(response.status).toBe(404);
      expect((await problem(response)).title).toBe('Not Found');
    });

    it('an unexpected error is a bare 500 that reveals nothing of its cause', async () => {
      const response = await fetch(`${app.url}/api/test-probe/boom`);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
      expect(text).not.toContain('secret');
    });
  });

  describe('security headers', () => {
    const expectHardened = (response: Response) => {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    };

    it('on API responses, errors included', async () => {
      expectHardened(await fetch(`${app.url}/health/live`));
      expectHardened(await fetch(`${app.url}/api/no-such-route`));
      expectHardened(await post(app, '/api/test-probe', '{'));
    });

    it('on the web page', async () => {
      const response = await fetch(`${app.url}/directory`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expectHardened(response);
    });

    it('CORS answers only the allow-listed origins', async () => {
      const allowed = await fetch(`${app.url}/health/live`, { headers: { origin: 'http://localhost:3000' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      const foreign = await fetch(`${app.url}/health/live`, { headers: { origin: 'https://evil.example' } });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('request ids', () => {
    it('keeps a well-formed incoming id and makes one otherwise', async () => {
      const kept = await fetch(`${app.url}/health/live`, { headers: { 'x-request-id': 'lb-1234abcd' } });
      expect(kept.headers.get('x-request-id')).toBe('lb-1234abcd');
      const replaced = await fetch(`${app.url}/health/live`, { headers: { 'x-request-id': 'bad id; <script>' } });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('OpenAPI', () => {
    it('publishes the document and the UI', async () => {
      const document = (await (await fetch(`${app.url}/api/docs-json`)).json()) as { openapi: string; paths: object };
      expect(document.openapi).toMatch(/^3\./);
      expect(Object.keys(document.paths)).toContain('/health/ready');
      expect((await fetch(`${app.url}/api/docs`)).status).toBe(200);
    });
  });
});

describe('client IP', () => {
  const spoofed = { 'x-forwarded-for': '203.0.113.66' };

  it('ignores X-Forwarded-For from an address that is not a trusted proxy', async () => {
    const app = await startApp({ modules: [ProbeModule], env: { TRUSTED_PROXIES: '10.0.0.0/8' } });
    try {
      const response = await post(app, '/api/test-probe/audit', '{}', spoofed);
      const entry = (await response.json()) as { ip: string };
      expect(entry.ip).toBe('127.0.0.1');
    } finally {
      await app.close();
    }
  });

  it('believes X-Forwarded-For from a trusted proxy', async () => {
    const app = await startApp({ modules: [ProbeModule], env: { TRUSTED_PROXIES: 'loopback' } });
    try {
      const response = await post(app, '/api/test-probe/audit', '{}', spoofed);
      const entry = (await response.json()) as { ip: string; requestId: string };
      expect(entry.ip).toBe('203.0.113.66');
      expect(entry.requestId).toBe(response.headers.get('x-request-id'));
    } finally {
      await app.close();
    }
  });
});
