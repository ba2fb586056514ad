/**
 * Write-back against the sandbox over HTTP: the hub's consent decisions and erasures, visible in
 * Klaviyo once its asynchronous jobs have run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { listeningKlaviyoSandbox } from '../../sandboxes/klaviyo/testing.js';
import type { Identity } from '../unified/identity.js';
import { createKlaviyoClient, type KlaviyoClient } from './client.js';
import { createKlaviyoWriteBack } from './write-back.js';

describe('Klaviyo write-back', () => {
  let sandbox: Awaited<ReturnType<typeof listeningKlaviyoSandbox>>;
  let client: KlaviyoClient;
  beforeAll(async () => {
    sandbox = await listeningKlaviyoSandbox({ jobDelayMs: 60_000 });
    client = createKlaviyoClient(
      { target: 'sandbox', baseUrl: sandbox.baseUrl, credential: SANDBOX_CREDENTIALS.klaviyo.token, webhookSecret: undefined, revision: '2026-07-15' },
      { timeoutMs: 5000 },
      { breaker: false },
    );
  });
  afterAll(async () => {
    client.close();
    await sandbox.close();
  });
  const writeBack = () => createKlaviyoWriteBack(client);
  const runJobs = () => sandbox.admin('POST', '/__sandbox/jobs/run');
  const subscriptions = async (id: string) => (await client.getProfile(id, { additional: ['subscriptions'] }))!.attributes.subscriptions!;
  const subject = (identities: Identity[]) => ({ customerId: 'cus_test', identities });

  it('unsubscribes email globally when the hub records DENIED, found by the hub’s email alone', async () => {
    const person = sandbox.world.people.find((p) => p.klaviyo && p.consent.email === 'SUBSCRIBED')!;
    const id = person.klaviyo!.profileId;
    const result = await writeBack().applyConsent(subject([{ kind: 'EMAIL', value: person.email }]), 'EMAIL_MARKETING', 'DENIED');
    expect(result).toMatchObject({ vendor: 'klaviyo', outcome: 'applied' });
    // Accepted, applied asynchronously.
    expect((await subscriptions(id)).email!.marketing!.consent).toBe('SUBSCRIBED');
    await runJobs();
    const email = (await subscriptions(id)).email!.marketing!;
    expect(email).toMatchObject({ consent: 'UNSUBSCRIBED', can_receive_email_marketing: false, method: 'API' });
    expect(sandbox.calls()['POST /api/profile-subscription-bulk-delete-jobs']).toBe(1);
    expect(sandbox.sandbox.webhooks.deliveries().at(-1)!.topic).toBe('event:klaviyo.unsubscribed_from_email_marketing');
  });

  it('subscribes email when the hub records GRANTED, found by Klaviyo id', async () => {
    const person = sandbox.world.people.find((p) => p.klaviyo && p.consent.email === 'UNSUBSCRIBED')!;
    const id = person.klaviyo!.profileId;
    await writeBack().applyConsent(subject([{ kind: 'KLAVIYO', value: id }]), 'EMAIL_MARKETING', 'GRANTED');
    await runJobs();
    expect((await subscriptions(id)).email!.marketing).toMatchObject({ consent: 'SUBSCRIBED', custom_method_detail: 'Customer Graph Hub' });
  });

  it('writes SMS consent to the phone number Klaviyo holds', async () => {
    const person = sandbox.world.people.find((p) => p.klaviyo?.phoneNumber && p.consent.sms === 'SUBSCRIBED')!;
    const id = person.klaviyo!.profileId;
    await writeBack().applyConsent(subject([{ kind: 'KLAVIYO', value: id }, { kind: 'EMAIL', value: person.email }]), 'SMS_MARKETING', 'DENIED');
    await runJobs();
    expect((await subscriptions(id)).sms!.marketing!.consent).toBe('UNSUBSCRIBED');
    await writeBack().applyConsent(subject([{ kind: 'KLAVIYO', value: id }]), 'SMS_MARKETING', 'GRANTED');
    await runJobs();
    expect((await subscriptions(id)).sms!.marketing!.consent).toBe('SUBSCRIBED');
  });

  it('says not_held, and changes nothing, when Klaviyo cannot take the decision', async () => {
    sandbox.resetCalls();
    const noPhone = sandbox.world.people.find((p) => p.klaviyo && !p.klaviyo.phoneNumber)!;
    const wb = writeBack();
    expect(await wb.applyConsent(subject([{ kind: 'EMAIL', value: 'stranger@nowhere.example' }]), 'EMAIL_MARKETING', 'DENIED')).toMatchObject({ outcome: 'not_held' });
    expect(await wb.applyConsent(subject([{ kind: 'KLAVIYO', value: noPhone.klaviyo!.profileId }]), 'SMS_MARKETING', 'GRANTED')).toMatchObject({ outcome: 'not_held' });
    expect(await wb.applyConsent(subject([{ kind: 'EMAIL', value: noPhone.email }]), 'EMAIL_MARKETING', 'UNKNOWN')).toMatchObject({ outcome: 'not_held' });
    expect(await wb.applyConsent(subject([{ kind: 'EMAIL', value: noPhone.email }]), 'AD_USER_DATA', 'DENIED')).toMatchObject({ outcome: 'not_held' });
    expect(Object.keys(sandbox.calls()).filter((route) => route.startsWith('POST'))).toEqual([]);
    expect(wb.topics).toEqual(['EMAIL_MARKETING', 'SMS_MARKETING']);
  });

  it('erases the person with data-privacy deletion jobs, one identifier each', async () => {
    const person = sandbox.world.people.find((p) => p.klaviyo && p.shopify?.orders.length)!;
    const id = person.klaviyo!.profileId;
    const result = await writeBack().erase(subject([{ kind: 'KLAVIYO', value: id }, { kind: 'EMAIL', value: person.email }]));
    expect(result).toMatchObject({ outcome: 'applied', detail: '2 deletion job(s) accepted' });
    expect(await client.getProfile(id)).toBeDefined();
    await runJobs();
    expect(await client.getProfile(id)).toBeUndefined();
    expect(await client.getProfilesByEmail([person.email])).toEqual([]);
    expect(await writeBack().erase(subject([{ kind: 'GCLID', value: 'Cj0x' }]))).toMatchObject({ outcome: 'not_held' });
  });
});
