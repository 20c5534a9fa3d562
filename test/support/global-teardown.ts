import Redis from 'ioredis';
import { dropDatabase } from '../../libs/platform/src/database/database-admin';
import { adminUrl, currentTestRun, redisUrl } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const run = currentTestRun();
  await dropDatabase(adminUrl, run.database);
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${run.redisPrefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
