import { Client } from 'pg';
import { currentTestRun, databaseUrls } from './test-env';

/** A direct connection to this run's database as `role` ('app' = the application's role), for a test to inspect or tamper. */
export async function connectAs<T>(role: 'app' | 'owner' | 'superuser', work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrls(currentTestRun())[role] });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
