import { describe } from 'vitest';
import { isolatedRedis, redisAvailable, REDIS_URL } from '../../test/support/redis.js';
import { BullMqJobQueue } from './bullmq-job-queue.js';
import { describeJobQueueContract } from './job-queue.contract.js';

describe.skipIf(!redisAvailable)('BullMQ adapter', () => {
  describeJobQueueContract('redis (BullMQ)', async () => {
    const { prefix, cleanup } = await isolatedRedis();
    return {
      open: (options) => new BullMqJobQueue('contract', { url: REDIS_URL, prefix: `${prefix}bull` }, options),
      cleanup,
    };
  });
});
