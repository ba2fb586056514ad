import { afterEach, describe, expect, it } from 'vitest';
import { MemoryAudienceLedger } from '../../profile/audiences/memory-audience-ledger.js';
import { startMetaSandbox, TEST_RUNTIME } from '../../test/support/meta-sandbox.js';
import type { UnifiedBatch } from '../unified/batch.js';
import type { WriteBackSubject } from '../unified/contracts.js';
import { createMetaAudienceSync, type AudienceCandidate } from './audience-sync.js';
import { createMetaAdsClient } from './client.js';
import { hashedIdentifiers } from './hashing.js';
import { createMetaWriteBack } from './write-back.js';

const granted = { AD_USER_DATA: 'GRANTED', AD_PERSONALIZATION: 'GRANTED' } as const;
const jane: AudienceCandidate = {
  customerId: 'cus_jane',
  identities: [
    { kind: 'EMAIL', value: 'jane@example.com' },
    { kind: 'PHONE', value: '+16505551212' },
  ],
  consent: granted,
};
const sam: AudienceCandidate = { customerId: 'cus_sam', identities: [{ kind: 'EMAIL', value: 'sam@example.com' }], consent: granted };
const subject: WriteBackSubject = { customerId: jane.customerId, identities: jane.identities };

describe('Meta write-back: consent withdrawal and erasure', () => {
  let meta: Awaited<ReturnType<typeof startMetaSandbox>>;
  afterEach(async () => meta?.close());

  async function setup() {
    meta = await startMetaSandbox();
    const client = createMetaAdsClient(meta.connection, TEST_RUNTIME, { http: { retry: { maxAttempts: 1 }, breaker: false } });
    const ledger = new MemoryAudienceLedger();
    const batches: UnifiedBatch[] = [];
    const writeBack = createMetaWriteBack({ client, ledger, onBatch: (b) => void batches.push(b) });
    const audiences = createMetaAudienceSync({ client, ledger });
    const a = await audiences.sync({ audience: { create: { name: 'Hub: A' } }, reason: 'segment:a', candidates: [jane, sam] });
    const b = await audiences.sync({ audience: { create: { name: 'Hub: B' } }, reason: 'segment:b', candidates: [jane] });
    const ids = async (audienceId: string) =>
      ((await meta.admin('GET', `/meta/audiences/${audienceId}/members`)).members as { EXTERN_ID: string }[]).map((m) => m.EXTERN_ID);
    return { ledger, writeBack, audiences, batches, a: a.audienceId, b: b.audienceId, ids };
  }

  it('removes a person who withdraws AD_USER_DATA from every audience the hub placed them in, and never uploads them again', async () => {
    const { ledger, writeBack, audiences, batches, a, b, ids } = await setup();
    expect(await ids(a)).toEqual(['cus_jane', 'cus_sam']);
    const result = await writeBack.applyConsent(subject, 'AD_USER_DATA', 'DENIED');
    expect(result).toEqual({ vendor: 'meta', outcome: 'applied', detail: 'removed from 2 audience(s); 2 hash(es) suppressed' });
    expect(await ids(a)).toEqual(['cus_sam']);
    expect(await ids(b)).toEqual([]);
    expect(await ledger.audiencesOf('meta', 'cus_jane')).toEqual([]);
    const { emails, phones } = hashedIdentifiers(jane.identities);
    expect(await ledger.isSuppressed([...emails, ...phones])).toEqual([true, true]);
    expect(batches.flatMap((x) => x.events).map((e) => [e.type, e.details.kind === 'ad' && e.details.audienceId])).toEqual([
      ['AUDIENCE_LEFT', a],
      ['AUDIENCE_LEFT', b],
    ]);

    // Even if a segment lists her again with consent recorded as granted, she is not uploaded.
    const again = await audiences.sync({ audience: { id: a, name: 'Hub: A' }, reason: 'segment:a', candidates: [jane] });
    expect(again.refused).toEqual([{ customerId: 'cus_jane', reason: 'SUPPRESSED' }]);
    expect(await ids(a)).toEqual(['cus_sam']);
  });

  it('does the same for AD_PERSONALIZATION withdrawal and for erasure; has nothing to do for a grant', async () => {
    const { writeBack, a, ids } = await setup();
    expect(await writeBack.applyConsent(subject, 'AD_USER_DATA', 'GRANTED')).toMatchObject({ outcome: 'not_held' });
    expect(await writeBack.applyConsent(subject, 'EMAIL_MARKETING', 'DENIED')).toMatchObject({ outcome: 'not_held' });
    expect(await ids(a)).toEqual(['cus_jane', 'cus_sam']);
    expect(await writeBack.applyConsent(subject, 'AD_PERSONALIZATION', 'DENIED')).toMatchObject({ outcome: 'applied' });
    expect(await ids(a)).toEqual(['cus_sam']);
    const erased = await writeBack.erase({ customerId: sam.customerId, identities: sam.identities });
    expect(erased).toMatchObject({ outcome: 'applied', detail: 'removed from 1 audience(s); 1 hash(es) suppressed' });
    expect(await ids(a)).toEqual([]);
    expect(await writeBack.erase({ customerId: 'cus_nobody', identities: [{ kind: 'EMAIL', value: 'nobody@example.com' }] })).toMatchObject({ outcome: 'not_held' });
    expect(writeBack.topics).toEqual(['AD_USER_DATA', 'AD_PERSONALIZATION']);
  });

  it('fails retryably while Meta is down, keeping what is left to do, and finishes when retried', async () => {
    const { ledger, writeBack, a, b, ids } = await setup();
    await meta.admin('PUT', '/controls', { outage: true });
    const failed = await writeBack.erase(subject).catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    expect((await ledger.audiencesOf('meta', 'cus_jane')).map((m) => m.audienceId).sort()).toEqual([a, b].sort());
    await meta.admin('PUT', '/controls', { outage: false });
    expect(await writeBack.erase(subject)).toMatchObject({ outcome: 'applied' });
    expect(await ids(a)).toEqual(['cus_sam']);
    expect(await ids(b)).toEqual([]);
  });

  it('counts an audience deleted at Meta as already left', async () => {
    const { ledger, writeBack, b } = await setup();
    await fetch(`${meta.url}/v26.0/${b}`, { method: 'DELETE', headers: { authorization: `Bearer ${meta.connection.credential}` } });
    expect(await writeBack.applyConsent(subject, 'AD_USER_DATA', 'DENIED')).toMatchObject({ outcome: 'applied' });
    expect(await ledger.audiencesOf('meta', 'cus_jane')).toEqual([]);
  });
});
