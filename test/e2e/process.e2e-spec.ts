import { runBuilt, startBuilt } from '../support/cli';
import { testEnvironment } from '../support/test-env';

describe('the API process', () => {
  it('refuses to start with missing or invalid configuration and names every variable', async () => {
    const { NODE_ENV: _ignored, ...env } = testEnvironment();
    const result = await runBuilt('main.js', {
      ...env,
      NODE_ENV: 'production',
      PUBLIC_ORIGIN: '',
      DATABASE_URL: '',
      PORT: 'eighty',
      REDIS_URL: 'http://127.0.0.1:6379',
      TRUSTED_PROXIES: '10.0.0.0/99',
    });
    expect(result.code).toBe(1);
    for (const expected of [
      'PUBLIC_ORIGIN is required',
      'DATABASE_URL is required',
      /PORT: |PORT must/,
      /REDIS_URL/,
      /TRUSTED_PROXIES/,
    ]) {
      expect(result.stderr).toMatch(expected);
    }
    // Nothing was started: no log line from Nest.
    expect(result.stdout).not.toContain('Nest application');
  });

  it('serves, then shuts down gracefully on SIGTERM', async () => {
    const api = startBuilt('main.js', { ...testEnvironment(), LOG_LEVEL: 'info' }, /successfully started/);
    await api.started;
    api.child.kill('SIGTERM');
    await expect(api.exited).resolves.toBe(0);
  });
});
