/**
 * `npm run backfill` as a process, on Redis: it starts its own sandboxes, shows a line per vendor
 * with records and records/s, stops on Ctrl-C (SIGINT) between pages with exit code 130, and the
 * same command resumes and completes, leaving the people a full run leaves.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisIdentityStore } from '../../profile/store/redis-identity-store.js';
import { isolatedRedis, redisAvailable, REDIS_URL } from '../support/redis.js';
import type { Redis } from 'ioredis';

interface Run {
  code: number | null;
  output: string;
}

/** Runs the command; `interruptWhen` sends SIGINT once the output matches it. */
function backfill(env: Record<string, string>, interruptWhen?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/backfill.ts', '--vendor', 'shopify,meta'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let interrupted = false;
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (interruptWhen && !interrupted && interruptWhen.test(output)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: output.replaceAll('\r', '\n') }));
  });
}

describe.skipIf(!redisAvailable)('npm run backfill (process, Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ redis, prefix, cleanup } = await isolatedRedis());
  });
  afterAll(async () => cleanup?.());

  it('stops on Ctrl-C, resumes on the same command, and completes', { timeout: 120_000 }, async () => {
    // Slow sandboxes (every call 700 ms): the first run is stopped once Shopify has read a page.
    const env = { REDIS_URL, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent' };
    const stopped = await backfill({ ...env, SANDBOX_LATENCY_MS: '700' }, /shopify \| [1-9]\d* records/);
    expect(stopped.output).toMatch(/stopping after the current pages/);
    expect(stopped.output).toMatch(/shopify \| [1-9]\d* records \| [\d.]+ records\/s \| stopped: run again to resume/);
    expect(stopped.output).toMatch(/backfill stopped; run the same command again to resume/);
    expect(stopped.code).toBe(130);

    const resumed = await backfill(env);
    expect(resumed.code).toBe(0);
    expect(resumed.output).toMatch(/shopify \| \d+ records \| [\d.]+ records\/s \| (done|done earlier)/);
    expect(resumed.output).toMatch(/meta\s+\| \d+ records \| [\d.]+ records\/s \| (done|done earlier)/);
    expect(resumed.output).toMatch(/backfill complete: \d+ customers in the store/);
    const resumedCount = await new RedisIdentityStore(redis, prefix).countCustomers();

    // A run after a complete one starts over: the same people, nobody twice.
    const again = await backfill(env);
    expect(again.code).toBe(0);
    // The resumed run read on from where the stopped one was: less of Shopify than a whole run.
    const shopifyRecords = (run: Run) => Number(/shopify \| (\d+) records \| [\d.]+ records\/s \| done/.exec(run.output)![1]);
    expect(shopifyRecords(resumed)).toBeLessThan(shopifyRecords(again));
    expect(again.output).not.toMatch(/done earlier/);
    expect(await new RedisIdentityStore(redis, prefix).countCustomers()).toBe(resumedCount);
    expect(again.output).toContain(`backfill complete: ${resumedCount} customers in the store`);
  });
});
