import { describe } from 'vitest';
import { isolatedRedis, redisAvailable } from '../../test/support/redis.js';
import { describeTimeZoneTraitsContract } from './time-zone-traits.contract.js';
import { RedisTimeZoneTraits } from './time-zone-traits.js';

describe.skipIf(!redisAvailable)('redis adapter', () => {
  describeTimeZoneTraitsContract('redis', async () => {
    const { redis, prefix, cleanup } = await isolatedRedis();
    return { store: new RedisTimeZoneTraits(redis, prefix), cleanup };
  });
});
