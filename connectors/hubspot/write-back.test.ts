/**
 * Write-back to HubSpot, checked by reading the sandbox afterwards as any HubSpot client would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, testRuntime, type RunningHubSpotSandbox } from '../../test/support/hubspot-sandbox.js';
import type { VendorWriteBack, WriteBackSubject } from '../unified/contracts.js';
import { createHubSpotClient, type HubSpotClient } from './client.js';
import { createMarketingSubscriptionsReader } from './marketing-subscriptions.js';
import { createHubSpotWriteBack } from './write-back.js';

let hubspot: RunningHubSpotSandbox;
let client: HubSpotClient;
let writeBack: VendorWriteBack;
beforeAll(async () => {
  hubspot = await startHubSpotSandbox();
  client = createHubSpotClient(hubspot.connection, testRuntime(), { breaker: false });
  writeBack = createHubSpotWriteBack(client, createMarketingSubscriptionsReader(client));
});
afterAll(async () => {
  client.close();
  await hubspot.close();
});

const people = () => hubspot.world.people.filter((p) => p.hubspot);
const subject = (p: ReturnType<typeof people>[number], kinds: ('HUBSPOT' | 'EMAIL')[] = ['HUBSPOT', 'EMAIL']): WriteBackSubject => ({
  customerId: `cus_${p.index}`,
  identities: [
    ...(kinds.includes('HUBSPOT') ? [{ kind: 'HUBSPOT' as const, value: p.hubspot!.contactId }] : []),
    ...(kinds.includes('EMAIL') ? [{ kind: 'EMAIL' as const, value: p.email }] : []),
  ],
});
/** What HubSpot's v3 status endpoint says now, per subscription name. */
async function statusesOf(email: string): Promise<Record<string, string>> {
  const response = await fetch(`${hubspot.url}/communication-preferences/v3/status/email/${encodeURIComponent(email)}`, {
    headers: { authorization: `Bearer ${hubspot.connection.credential}` },
  });
  const body = (await response.json()) as { subscriptionStatuses: { name: string; status: string; legalBasis?: string }[] };
  return Object.fromEntries(body.subscriptionStatuses.map((s) => [s.name, `${s.status}${s.legalBasis ? `/${s.legalBasis}` : ''}`]));
}

describe('HubSpot write-back', () => {
  it('holds EMAIL_MARKETING only', () => {
    expect(writeBack.topics).toEqual(['EMAIL_MARKETING']);
  });

  it('unsubscribes a DENIED person from every marketing type, and leaves sales email alone', async () => {
    const person = people().find((p) => p.consent.email === 'SUBSCRIBED' && ['customer', 'opportunity'].includes(p.hubspot!.lifecycleStage))!;
    const result = await writeBack.applyConsent(subject(person), 'EMAIL_MARKETING', 'DENIED');
    expect(result).toMatchObject({ vendor: 'hubspot', outcome: 'applied' });
    const after = await statusesOf(person.email);
    expect(after['Marketing Information']).toBe('NOT_SUBSCRIBED');
    expect(after['Monthly Newsletter']).toBe('NOT_SUBSCRIBED');
    expect(after['One to One']).toMatch(/^SUBSCRIBED/);
  });

  it('subscribes a GRANTED person with a legal basis, even one who opted out before (HubSpot v3 could not)', async () => {
    const person = people().find((p) => p.consent.email === 'UNSUBSCRIBED')!;
    expect((await statusesOf(person.email))['Marketing Information']).toBe('NOT_SUBSCRIBED');
    const result = await writeBack.applyConsent(subject(person, ['EMAIL']), 'EMAIL_MARKETING', 'GRANTED');
    expect(result).toEqual({ vendor: 'hubspot', outcome: 'applied', detail: 'Marketing Information: RESUBSCRIBE_OCCURRED' });
    expect((await statusesOf(person.email))['Marketing Information']).toBe('SUBSCRIBED/CONSENT_WITH_NOTICE');
    // Applying it again is harmless.
    expect(await writeBack.applyConsent(subject(person), 'EMAIL_MARKETING', 'GRANTED')).toMatchObject({ outcome: 'applied', detail: 'Marketing Information: NO_STATUS_CHANGE' });
  });

  it('writes nothing for UNKNOWN, for other topics, or for people HubSpot does not hold', async () => {
    const person = people().find((p) => p.consent.email === 'UNSUBSCRIBED')!;
    const before = await statusesOf(person.email);
    expect(await writeBack.applyConsent(subject(person), 'EMAIL_MARKETING', 'UNKNOWN')).toMatchObject({ outcome: 'not_held' });
    expect(await writeBack.applyConsent(subject(person), 'SMS_MARKETING', 'DENIED')).toMatchObject({ outcome: 'not_held' });
    expect(await statusesOf(person.email)).toEqual(before);
    const stranger: WriteBackSubject = { customerId: 'cus_x', identities: [{ kind: 'EMAIL', value: 'stranger@nowhere.example' }] };
    expect(await writeBack.applyConsent(stranger, 'EMAIL_MARKETING', 'DENIED')).toMatchObject({ outcome: 'not_held' });
  });

  it('erases a person with GDPR delete: the contact is gone afterwards', async () => {
    const person = people()[5]!;
    expect(await writeBack.erase(subject(person))).toEqual({ vendor: 'hubspot', outcome: 'applied', detail: 'GDPR delete of 1 contact(s)' });
    const read = await fetch(`${hubspot.url}/crm/v3/objects/contacts/${person.hubspot!.contactId}`, { headers: { authorization: `Bearer ${hubspot.connection.credential}` } });
    expect(read.status).toBe(404);
    expect(await writeBack.erase(subject(person))).toMatchObject({ outcome: 'not_held' });
  });

  it('fails retryably while HubSpot is down, so the outbox tries again', async () => {
    hubspot.sandbox.controls.outage = true;
    const person = people()[6]!;
    const failing = createHubSpotClient(hubspot.connection, testRuntime(), { breaker: false, retry: { maxAttempts: 1 } });
    const down = createHubSpotWriteBack(failing, createMarketingSubscriptionsReader(failing));
    await expect(down.erase(subject(person))).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    hubspot.sandbox.controls.outage = false;
    failing.close();
  });
});
