/**
 * The behaviour every JobQueue adapter must show, run against memory and against BullMQ on
 * Redis. `open` may be called several times in one test: every queue it returns shares the
 * same jobs, as processes sharing one Redis do; a second `open` is how a test "restarts".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gate, waitFor } from '../../test/support/wait-for.js';
import { PermanentJobError } from './errors.js';
import type { DeadLetter, JobQueue, JobQueueOptions, QueueWorker } from './job-queue.js';

export interface QueueFixture {
  open<T>(options?: JobQueueOptions): JobQueue<T>;
  cleanup(): Promise<void>;
}

interface Payload {
  n: number;
  nested: { text: string; list: string[] };
}

const FAST: JobQueueOptions = { backoffMs: 20, maxBackoffMs: 200, lockMs: 400 };

export function describeJobQueueContract(name: string, create: () => Promise<QueueFixture>): void {
  describe(`JobQueue contract: ${name}`, () => {
    let fixture: QueueFixture;
    const queues: JobQueue<unknown>[] = [];
    const open = <T>(options: JobQueueOptions = {}): JobQueue<T> => {
      const queue = fixture.open<T>({ ...FAST, ...options });
      queues.push(queue as JobQueue<unknown>);
      return queue;
    };

    beforeEach(async () => {
      fixture = await create();
    });
    afterEach(async () => {
      await Promise.all(queues.splice(0).map((q) => q.close()));
      await fixture.cleanup();
    });

    it('runs a job with its data as JSON, on the first attempt', async () => {
      const queue = open<Payload>();
      const seen: { id: string; data: Payload; attempt: number }[] = [];
      queue.process(async (job) => void seen.push(job));
      const data = { n: 7, nested: { text: 'ünïcode ✓', list: ['a', 'b'] } };
      expect(await queue.add('job:1', data)).toBe(true);
      await waitFor(async () => (await queue.counts()).completed === 1, { what: 'completion' });
      expect(seen).toEqual([{ id: 'job:1', data, attempt: 1 }]);
    });

    it('adds each id once, whether it waits, runs or is done', async () => {
      const queue = open<Payload>();
      const data = { n: 1, nested: { text: '', list: [] } };
      expect(await queue.add('delivery:abc', data)).toBe(true);
      expect(await queue.add('delivery:abc', { ...data, n: 2 })).toBe(false);
      const ran: number[] = [];
      queue.process(async (job) => void ran.push(job.data.n));
      await waitFor(async () => (await queue.counts()).completed === 1, { what: 'completion' });
      expect(await queue.add('delivery:abc', { ...data, n: 3 })).toBe(false);
      expect(ran).toEqual([1]);
      expect(await queue.counts()).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 1, failed: 0 });
    });

    it('retries a failing job with growing, jittered waits until it succeeds', async () => {
      const queue = open<string>({ backoffMs: 40, maxBackoffMs: 1000 });
      const tries: { attempt: number; at: number }[] = [];
      queue.process(async (job) => {
        tries.push({ attempt: job.attempt, at: Date.now() });
        if (job.attempt < 3) throw new Error(`flaky ${job.attempt}`);
      });
      await queue.add('retry-me', 'x');
      await waitFor(async () => (await queue.counts()).completed === 1, { what: 'completion' });
      expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]);
      // Equal jitter: the n-th wait is at least half of backoffMs * 2^(n-1).
      expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(20);
      expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(40);
      expect(await queue.deadLetters()).toEqual([]);
    });

    it('dead-letters a job after maxAttempts, keeping the reason, and refuses to add it again', async () => {
      const queue = open<{ vendor: string }>({ maxAttempts: 3 });
      const buried: DeadLetter<{ vendor: string }>[] = [];
      let tries = 0;
      queue.process(
        async () => {
          tries++;
          throw new Error('HubSpot answered 503');
        },
        { onDeadLetter: (dl) => buried.push(dl) },
      );
      await queue.add('doomed', { vendor: 'hubspot' });
      await waitFor(async () => (await queue.counts()).failed === 1, { what: 'dead letter' });
      const [dead] = await queue.deadLetters();
      expect(dead).toMatchObject({ id: 'doomed', data: { vendor: 'hubspot' }, reason: 'HubSpot answered 503', attempts: 3 });
      expect(Number.isNaN(Date.parse(dead!.failedAt))).toBe(false);
      expect(tries).toBe(3);
      await waitFor(() => buried.length === 1, { what: 'onDeadLetter' });
      expect(buried[0]).toMatchObject({ id: 'doomed', reason: 'HubSpot answered 503' });
      expect(await queue.add('doomed', { vendor: 'again' })).toBe(false);
    });

    it('dead-letters at once on a PermanentJobError, and re-runs a dead letter on request', async () => {
      const queue = open<string>();
      let broken = true;
      const runs: number[] = [];
      queue.process(async (job) => {
        runs.push(job.attempt);
        if (broken) throw new PermanentJobError('payload does not parse: data[0].topic missing');
      });
      await queue.add('bad', 'payload');
      await waitFor(async () => (await queue.counts()).failed === 1, { what: 'dead letter' });
      expect((await queue.deadLetters())[0]).toMatchObject({ id: 'bad', attempts: 1, reason: 'payload does not parse: data[0].topic missing' });
      expect(await queue.retryDeadLetter('no-such-job')).toBe(false);
      broken = false;
      expect(await queue.retryDeadLetter('bad')).toBe(true);
      await waitFor(async () => (await queue.counts()).completed === 1, { what: 're-run' });
      expect(runs).toEqual([1, 1]);
      expect(await queue.deadLetters()).toEqual([]);
    });

    it('keeps a delayed job back until its time', async () => {
      const queue = open<string>();
      const ran: string[] = [];
      queue.process(async (job) => void ran.push(job.id));
      // Long enough that a loaded CI machine still sees the job waiting right after the add.
      await queue.add('later', 'x', { delayMs: 1500 });
      expect((await queue.counts()).delayed).toBe(1);
      expect(ran).toEqual([]);
      await waitFor(() => ran.length === 1, { what: 'delayed job' });
    });

    it('runs at most `concurrency` jobs at a time', async () => {
      const queue = open<number>();
      let running = 0;
      let peak = 0;
      const hold = gate();
      queue.process(
        async () => {
          running++;
          peak = Math.max(peak, running);
          await hold.promise;
          running--;
        },
        { concurrency: 2 },
      );
      for (let i = 0; i < 5; i++) await queue.add(`c${i}`, i);
      await waitFor(() => running === 2, { what: 'two running' });
      hold.open();
      await waitFor(async () => (await queue.counts()).completed === 5, { what: 'all done' });
      expect(peak).toBe(2);
    });

    it('runs a job again after its worker died mid-run, and completes it once', async () => {
      const first = open<string>();
      const started = gate();
      const never = gate();
      let crashed: QueueWorker | undefined = first.process(async () => {
        started.open();
        await never.promise; // the process "dies" here: the handler never returns
      });
      await first.add('interrupted', 'work');
      await started.promise;
      await crashed.close({ force: true });
      crashed = undefined;

      const restarted = open<string>();
      const reruns: number[] = [];
      restarted.process(async (job) => void reruns.push(job.attempt));
      await waitFor(async () => (await restarted.counts()).completed === 1, { what: 'recovered job', timeoutMs: 20_000 });
      // A crash is not a failed try: the re-run is still attempt 1.
      expect(reruns).toEqual([1]);
      never.open(); // the dead worker's handler returning late must change nothing
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await restarted.counts()).toMatchObject({ active: 0, completed: 1, failed: 0 });
    });
  });
}
