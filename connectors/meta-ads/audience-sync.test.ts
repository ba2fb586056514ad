import { afterEach, describe, expect, it } from 'vitest';
import { MemoryAudienceLedger } from '../../profile/audiences/memory-audience-ledger.js';
import { startMetaSandbox, TEST_RUNTIME } from '../../test/support/meta-sandbox.js';
import type { ConsentStatus } from '../unified/consent.js';
import { createMetaAudienceSync, type AudienceCandidate } from './audience-sync.js';
import { createMetaAdsClient } from './client.js';
import { hashedIdentifiers, sha256Hex } from './hashing.js';

const AT = Date.parse('2026-11-02T09:00:00.000Z');
const person = (n: number, consent: [ConsentStatus, ConsentStatus] = ['GRANTED', 'GRANTED']): AudienceCandidate => ({
  customerId: `cus_${n}`,
  identities: [
    { kind: 'EMAIL', value: `person${n}@example.com` },
    { kind: 'PHONE', value: `+1650555${String(1000 + n)}` },
  ],
  consent: { AD_USER_DATA: consent[0], AD_PERSONALIZATION: consent[1] },
});

describe('Meta audience sync with consent', () => {
  let meta: Awaited<ReturnType<typeof startMetaSandbox>>;
  afterEach(async () => meta?.close());

  async function setup(batchSize = 10_000) {
    meta = await startMetaSandbox();
    const client = createMetaAdsClient(meta.connection, TEST_RUNTIME, { audienceBatchSize: batchSize });
    const ledger = new MemoryAudienceLedger();
    const audiences = createMetaAudienceSync({ client, ledger, now: () => AT });
    const members = async (id: string) => (await meta.admin('GET', `/meta/audiences/${id}/members`)).members as Record<string, string>[];
    return { client, ledger, audiences, members };
  }

  it('uploads only people who granted ad consent, reports the others, and records each placement with why', async () => {
    const { ledger, audiences, members } = await setup();
    const report = await audiences.sync({
      audience: { create: { name: 'Hub: cart abandoners' } },
      reason: 'segment:cart-abandoners',
      candidates: [
        person(1),
        person(2, ['DENIED', 'GRANTED']),
        person(3, ['UNKNOWN', 'GRANTED']),
        person(4, ['GRANTED', 'DENIED']),
        { customerId: 'cus_5', identities: [{ kind: 'HUBSPOT', value: '9' }], consent: { AD_USER_DATA: 'GRANTED', AD_PERSONALIZATION: 'GRANTED' } },
        person(1),
      ],
    });
    expect(report.uploaded).toEqual(['cus_1']);
    expect(report.refused).toEqual([
      { customerId: 'cus_2', reason: 'AD_USER_DATA_NOT_GRANTED' },
      { customerId: 'cus_3', reason: 'AD_USER_DATA_NOT_GRANTED' },
      { customerId: 'cus_4', reason: 'AD_PERSONALIZATION_NOT_GRANTED' },
      { customerId: 'cus_5', reason: 'NO_MATCHABLE_IDENTIFIER' },
    ]);
    expect(report.upload).toMatchObject({ numReceived: 1, numInvalid: 0 });
    const hashes = hashedIdentifiers(person(1).identities);
    expect(await members(report.audienceId)).toEqual([{ EXTERN_ID: 'cus_1', EMAIL: hashes.emails[0], PHONE: hashes.phones[0] }]);
    expect(await ledger.audiencesOf('meta', 'cus_1')).toEqual([
      { platform: 'meta', audienceId: report.audienceId, audienceName: 'Hub: cart abandoners', customerId: 'cus_1', joinedAt: new Date(AT).toISOString(), reason: 'segment:cart-abandoners' },
    ]);
    expect(await ledger.audiencesOf('meta', 'cus_2')).toEqual([]);
    expect(report.batch.events).toHaveLength(1);
    expect(report.batch.events[0]).toMatchObject({ type: 'AUDIENCE_JOINED', channel: 'PAID_SOCIAL', details: { kind: 'ad', audienceId: report.audienceId } });
    expect(report.batch.events[0]!.summary).not.toMatch(/@|650/);
  });

  it('lets an exclusion list take people with AD_USER_DATA alone', async () => {
    const { audiences } = await setup();
    const report = await audiences.sync({
      audience: { create: { name: 'Hub: exclude customers' } },
      reason: 'exclude:recent-buyers',
      purpose: 'exclusion',
      candidates: [person(1, ['GRANTED', 'DENIED']), person(2, ['DENIED', 'GRANTED'])],
    });
    expect(report.uploaded).toEqual(['cus_1']);
    expect(report.refused).toEqual([{ customerId: 'cus_2', reason: 'AD_USER_DATA_NOT_GRANTED' }]);
  });

  it('never uploads a person whose hash is suppressed', async () => {
    const { ledger, audiences, members } = await setup();
    await ledger.suppress([sha256Hex('person2@example.com')]);
    const report = await audiences.sync({ audience: { create: { name: 'A' } }, reason: 'r', candidates: [person(1), person(2)] });
    expect(report.uploaded).toEqual(['cus_1']);
    expect(report.refused).toEqual([{ customerId: 'cus_2', reason: 'SUPPRESSED' }]);
    expect((await members(report.audienceId)).map((m) => m.EXTERN_ID)).toEqual(['cus_1']);
  });

  it('uploads many people in batches of one session, and replace takes out who is no longer listed', async () => {
    const { ledger, audiences, members } = await setup(10);
    meta.sandbox.calls.clear();
    const first = await audiences.sync({ audience: { create: { name: 'Hub: engaged' } }, reason: 'segment:engaged', candidates: Array.from({ length: 25 }, (_, i) => person(i)) });
    expect(first.upload).toMatchObject({ batches: 3, numReceived: 25 });
    expect(meta.sandbox.calls.get('POST /:version/:node/users')).toBe(3);
    expect(await ledger.membersOf('meta', first.audienceId)).toHaveLength(25);

    const audience = { id: first.audienceId, name: first.audienceName };
    const second = await audiences.sync({
      audience,
      reason: 'segment:engaged',
      mode: 'replace',
      candidates: [person(0), person(1), person(2, ['DENIED', 'GRANTED'])],
    });
    expect(second.uploaded).toEqual(['cus_0', 'cus_1']);
    expect(second.removed).toHaveLength(23);
    expect(second.removed).toContain('cus_2');
    expect((await members(first.audienceId)).map((m) => m.EXTERN_ID).sort()).toEqual(['cus_0', 'cus_1']);
    expect((await ledger.membersOf('meta', first.audienceId)).sort()).toEqual(['cus_0', 'cus_1']);
    expect(second.batch.events.filter((e) => e.type === 'AUDIENCE_LEFT').map((e) => e.id)).toContain(`meta:audience:${first.audienceId}:cus_2:left:${new Date(AT).toISOString()}`);

    // Replacing with nobody eligible empties the audience by removal.
    const third = await audiences.sync({ audience, reason: 'segment:engaged', mode: 'replace', candidates: [person(0, ['DENIED', 'DENIED'])] });
    expect(third.removed.sort()).toEqual(['cus_0', 'cus_1']);
    expect(await members(first.audienceId)).toEqual([]);
  });
});
