/**
 * Ingest on Redis (BullMQ queue, Redis checkpoints and stores): a worker killed in the middle of
 * its deliveries and started again loses none and doubles none, and a sync started by a new hub
 * process resumes from the checkpoint the last one saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { startTestHub } from '../support/hub.js';
import { ingestOf, sandboxAdmin } from '../support/ingest.js';
import { isolatedRedis, redisAvailable, REDIS_URL } from '../support/redis.js';
import { gatewayTimeline } from '../support/timeline.js';
import { waitFor } from '../support/wait-for.js';

describe.skipIf(!redisAvailable)('ingest on Redis', () => {
  let prefix: string;
  let cleanup: () => Promise<void>;
  let hub: RunningHub;
  // Claims lapse after a second, so the deliveries of a killed worker run again soon.
  const env = () => ({ REDIS_URL, REDIS_KEY_PREFIX: prefix, INGEST_STARTUP_BACKFILL: 'identities', INGEST_QUEUE_LOCK_MS: '1000' });

  beforeAll(async () => {
    ({ prefix, cleanup } = await isolatedRedis());
    hub = await startTestHub(env());
  });
  afterAll(async () => {
    await hub?.close();
    await cleanup?.();
  });

  it('a worker killed mid-batch and restarted loses no delivery and doubles none', async () => {
    const ingest = ingestOf(hub);
    expect(hub.stores.kind).toBe('redis');
    await ingest.worker.stop();
    // Every delivery makes ingest read the lead back from Meta; a slow Meta keeps them in flight.
    await sandboxAdmin(hub, 'meta', 'PUT', '/controls', { latencyMs: 400 });
    const leads: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { body } = await sandboxAdmin(hub, 'meta', 'POST', '/actions/submit-lead', { email: `killed.worker.${i}@mail.example`, fullName: `Kim ${i}` });
      expect(body.delivery.status).toBe(202);
      leads.push(String(body.lead.id));
    }
    expect((await ingest.queue.counts()).waiting).toBe(6);

    ingest.worker.start();
    await waitFor(async () => (await ingest.queue.counts()).active > 0, { what: 'deliveries in flight' });
    await ingest.worker.stop({ force: true }); // as a crash would: the running deliveries keep their claim
    const atKill = await ingest.queue.counts();
    expect(atKill.active + atKill.waiting).toBeGreaterThan(0);

    await sandboxAdmin(hub, 'meta', 'PUT', '/controls', { latencyMs: 0 });
    ingest.worker.start();
    await waitFor(async () => {
      const c = await ingest.queue.counts();
      return c.waiting + c.active + c.delayed === 0 && c.completed === 6;
    }, { what: 'every delivery done once the claims lapsed', timeoutMs: 30_000 });
    expect((await ingest.queue.counts()).failed).toBe(0);

    // Read through the gateway: each lead exactly once on its person's timeline.
    for (const [i, leadId] of leads.entries()) {
      const found = await gatewayTimeline(hub, `killed.worker.${i}@mail.example`);
      expect(found, `the customer of lead ${i}`).toBeDefined();
      expect(found!.events).toEqual([expect.objectContaining({ type: 'LEAD_SUBMITTED', details: expect.objectContaining({ leadId }) })]);
    }
  });

  it('a sync run by a new hub process resumes from the checkpoint the last one saved in Redis', async () => {
    const first = await ingestOf(hub).scheduler.run('klaviyo');
    expect(first.error).toBeUndefined();
    const everything = first.streams.find((s) => s.stream === 'events')!.records;
    expect(everything).toBeGreaterThan(10);
    await hub.close();

    hub = await startTestHub(env());
    const resumed = await ingestOf(hub).scheduler.run('klaviyo');
    expect(resumed.error).toBeUndefined();
    expect(resumed.streams.find((s) => s.stream === 'events')!.records).toBeLessThan(everything);
  });
});
