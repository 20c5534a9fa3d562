import { Client } from 'pg';
import { currentTestRun, databaseUrls } from './test-env';

/** A direct connection to this run's database as `role` ('app' = the application's role), for a test to inspect or tamper. */
export async function connectAs<T>(
  role: 'app' | 'owner' | 'superuser',
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: databaseUrls(currentTestRun())[role] });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The rows of one query as the superuser: what is really stored, whatever the application's grants. */
export function storedRows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return connectAs('superuser', async (client) => (await client.query(sql, params)).rows as T[]);
}
