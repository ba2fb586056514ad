/**
 * Access to the real Redis the Redis adapters are tested against. Outside CI a missing Redis
 * skips those suites; with CI=true it fails them, because CI must never pass on a skipped suite.
 */
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const inCI = process.env.CI === 'true';

async function probe(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export const redisAvailable: boolean = await probe();

if (!redisAvailable && inCI) {
  throw new Error(`CI=true but Redis at ${REDIS_URL} is unreachable: the Redis suites may not be skipped in CI`);
}

/** A fresh connection and a key prefix no other test uses; `cleanup` deletes the keys and disconnects. */
export async function isolatedRedis(): Promise<{ redis: Redis; prefix: string; cleanup: () => Promise<void> }> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const prefix = `test:${randomUUID()}:`;
  return {
    redis,
    prefix,
    cleanup: async () => {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      redis.disconnect();
    },
  };
}
