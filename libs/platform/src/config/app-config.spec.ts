import { ConfigValidationError, loadConfig } from './app-config';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('starts locally with nothing set, pointing at PostgreSQL and Redis on this machine', () => {
    const config = loadConfig({});
    expect(config.NODE_ENV).toBe('development');
    expect(config.DATABASE_URL).toBe('postgres://liaison_app@127.0.0.1:5432/liaison');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.TRUSTED_PROXIES).toEqual([]);
  });

  it('parses lists, numbers and booleans', () => {
    const config = loadConfig({
      PORT: '8080',
      CORS_ORIGINS: 'https://liaison.example.org, https://admin.example.org',
      TRUSTED_PROXIES: '10.0.0.0/8,loopback,::1',
      OPENAPI_ENABLED: 'false',
    });
    expect(config.PORT).toBe(8080);
    expect(config.CORS_ORIGINS).toEqual(['https://liaison.example.org', 'https://admin.example.org']);
    expect(config.TRUSTED_PROXIES).toEqual(['10.0.0.0/8', 'loopback', '::1']);
    expect(config.OPENAPI_ENABLED).toBe(false);
  });

  it('names every invalid variable at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      REDIS_URL: 'http://127.0.0.1:6379',
      TRUSTED_PROXIES: '10.0.0.0/99',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toHaveLength(4);
    for (const name of ['PORT', 'REDIS_URL', 'TRUSTED_PROXIES', 'LOG_LEVEL']) {
      expect(problems.some((problem) => problem.startsWith(name))).toBe(true);
    }
  });

  it('in production requires the connection settings instead of defaulting to localhost', () => {
    const problems = problemsOf({ NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'PUBLIC_ORIGIN is required',
        'CORS_ORIGINS is required',
        'DATABASE_URL is required',
        'JWT_SECRET is required',
        'ENCRYPTION_KEYRING is required',
        'ENCRYPTION_CURRENT_KEY is required',
        'MAIL_FROM is required',
        'SEARCH_INDEX_KEY is required',
        'SMTP_HOST is required in production and must be a host name or address',
      ]),
    );
    // Only the commands that need them ask for the owner's and the superuser's connections.
    expect(problems.join('\n')).not.toMatch(/REDIS_URL|DATABASE_MIGRATION_URL|DATABASE_ADMIN_URL/);
  });

  it('sends e-mail to the local mail catcher only outside production and without an SMTP relay', () => {
    expect(loadConfig({}).mailCatcher).toBe(true);
    expect(loadConfig({ SMTP_HOST: 'smtp.example.org' }).mailCatcher).toBe(false);
  });

  it('keeps the metrics endpoint off by default, on loopback when on, and never on the public port', () => {
    const off = loadConfig({});
    expect(off.METRICS_PORT).toBe(0);
    expect(off.METRICS_HOST).toBe('127.0.0.1');
    expect(loadConfig({ METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(problemsOf({ PORT: '3000', METRICS_PORT: '3000' })).toContain(
      'METRICS_PORT must differ from PORT: the metrics are never served on the public port',
    );
    expect(problemsOf({ METRICS_HOST: 'metrics.example.org' })).toContain(
      'METRICS_HOST must be an IP address (127.0.0.1 keeps the metrics on this machine)',
    );
  });

  it('refuses the test fault point in production', () => {
    expect(problemsOf({ NODE_ENV: 'production', TEST_FAULT_POINT: 'notifications.email.after-claim' })).toContain(
      'TEST_FAULT_POINT is refused in production',
    );
    expect(loadConfig({ TEST_FAULT_POINT: 'notifications.email.after-claim' }).TEST_FAULT_POINT).toBe(
      'notifications.email.after-claim',
    );
  });

  describe('secrets in production', () => {
    const fresh = {
      NODE_ENV: 'production',
      PUBLIC_ORIGIN: 'https://liaison.example.org',
      CORS_ORIGINS: 'https://liaison.example.org',
      DATABASE_URL: 'postgres://liaison_app@db:5432/liaison',
      REDIS_URL: 'redis://redis:6379',
      MAIL_FROM: 'no-reply@liaison.example.org',
      SMTP_HOST: 'smtp.example.org',
      JWT_SECRET: 'Zq8Vt1m3Lr0xW9n2Ks7Dp4Hy6Fb5Jc8Ga1Ue3Qi0Ro',
      ENCRYPTION_KEYRING: 'k1:q0v3mLr3d1x6V0W9m1tq2Y7c0B8kN4sH5jP2eR6uT1A=',
      ENCRYPTION_CURRENT_KEY: 'k1',
      SEARCH_INDEX_KEY: 'GbDzmIUFVwnUlmbboMQTdKIxzwpnwXqxSmhCF4QsxaE=',
    };

    it('starts with secrets of its own', () => {
      expect(problemsOf(fresh)).toEqual([]);
    });

    it.each([
      ['JWT_SECRET', 'local-development-only-jwt-secret-0123456789'],
      ['JWT_SECRET', 'CHANGE_ME_jwt_secret_at_least_32_random_characters'],
      [
        'ENCRYPTION_KEYRING',
        'k1:q0v3mLr3d1x6V0W9m1tq2Y7c0B8kN4sH5jP2eR6uT1A=,dev1:ZGV2ZWxvcG1lbnQtb25seS1rZXktMzItYnl0ZXMhISE=',
      ],
      ['SEARCH_INDEX_KEY', 'bG9jYWwtZGV2ZWxvcG1lbnQtc2VhcmNoLWluZGV4ISE='],
    ])('refuses the published %s %s', (name, value) => {
      expect(problemsOf({ ...fresh, [name]: value }).join('\n')).toMatch(new RegExp(`^${name}`));
    });

    it('refuses a JWT secret shorter than 32 bytes', () => {
      expect(problemsOf({ ...fresh, JWT_SECRET: 'short-secret' })).toEqual(['JWT_SECRET must be at least 32 bytes']);
    });

    it('keeps the development defaults outside production', () => {
      expect(loadConfig({}).JWT_SECRET).toBe('local-development-only-jwt-secret-0123456789');
    });
  });

  it('says which variable is wrong in the error message', () => {
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
