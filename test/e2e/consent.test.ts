/**
 * Issue 7 end to end, in the embedded mode: consent changes made through the gateway reach every
 * vendor sandbox that holds the topic (checked in each sandbox's own record, over HTTP), an
 * opt-out made while a vendor is down reaches it once it recovers, erasure leaves no trace in
 * any sandbox nor the hub, bad input changes nothing, and only callers with the scope may write.
 * One hub for the whole file; each test uses its own people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import type { DemoPerson } from '../../sandboxes/demo-world/world.js';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { CONSENT_OUTBOX_QUEUE, type OutboxJob } from '../../profile/consent/consent-outbox.js';
import { writeClientsFile } from '../support/gateway.js';
import { gql, PARTNER_CLIENT, startTestHub, subgraphPost } from '../support/hub.js';
import {
  googleListMembers,
  hubspotContact,
  hubspotStatuses,
  klaviyoProfile,
  metaAudienceMembers,
  runKlaviyoJobs,
  setKlaviyoApiKey,
  setOutage,
  shopifyCustomer,
} from '../support/vendor-records.js';
import { waitFor } from '../support/wait-for.js';

const UPDATE = `mutation Update($input: UpdateConsentInput!) {
  updateConsent(input: $input) {
    record { id source status topic method legalBasis evidence { key value } }
    consent { topic status source method legalBasis }
    propagation { id kind customerId topic status }
  }
}`;
const ERASE = `mutation Erase($id: ID!) { eraseCustomer(id: $id) { propagation { id kind customerId } } }`;
const PROPAGATION = `query P($id: ID!) { propagation(id: $id) { id kind settled dispatched vendors { vendor state attempts lastError detail } } }`;
const CONSENT = `query C($email: String!) {
  customer(email: $email) {
    id
    consent { topic status source at method legalBasis recordId }
    consentHistory(topic: EMAIL_MARKETING) { id source status evidence { key value } }
    consentPropagation { id topic status settled vendors { vendor state } }
  }
}`;

const APP = { 'x-api-key': 'consent-app-key' };
const NO_SCOPES = { 'x-api-key': 'no-scopes-app-key' };

describe('consent write-back and erasure through the hub', () => {
  let hub: RunningHub;
  const world = generateWorld({ seed: 42, people: 40 });
  const used = new Set<number>();
  /** A person no other test of this file touches. */
  const person = (where: (p: DemoPerson) => unknown): DemoPerson => {
    const found = world.people.find((p) => !used.has(p.index) && where(p));
    if (!found) throw new Error('no such person in the demo world');
    used.add(found.index);
    return found;
  };

  beforeAll(async () => {
    hub = await startTestHub({
      CONSENT_OUTBOX_BACKOFF_MS: '50',
      CONSENT_OUTBOX_MAX_BACKOFF_MS: '400',
      GATEWAY_CLIENTS_FILE: writeClientsFile([
        { name: 'consent-app', key: APP['x-api-key'], scopes: ['consent:write'], arbitraryDocuments: true },
        { name: 'no-scopes-app', key: NO_SCOPES['x-api-key'], arbitraryDocuments: true },
      ]),
    });
  });
  afterAll(async () => hub?.close());

  const customerOf = async (email: string) => {
    const { data, errors } = await gql(hub.gatewayUrl, CONSENT, { email });
    expect(errors).toBeUndefined();
    return data!.customer;
  };
  const settled = (id: string) =>
    waitFor(
      async () => {
        const { data } = await gql(hub.gatewayUrl, PROPAGATION, { id });
        return data?.propagation?.settled ? data.propagation : undefined;
      },
      { what: `propagation ${id} to settle`, timeoutMs: 30_000 },
    );
  const stateOf = (propagation: { vendors: { vendor: string; state: string }[] }) =>
    Object.fromEntries(propagation.vendors.map((v) => [v.vendor, v.state]));
  const optOut = (customerId: string, topic = 'EMAIL_MARKETING') =>
    gql(hub.gatewayUrl, UPDATE, { input: { customerId, topic, status: 'DENIED', method: 'PREFERENCE_PAGE', evidence: [{ key: 'ticket', value: 'T-1001' }] } });

  it('records an opt-out in the ledger and writes it back to every vendor holding email marketing, as each sandbox shows', async () => {
    const p = person((p) => p.hubspot && p.shopify && p.klaviyo && p.consent.email === 'SUBSCRIBED');
    // Before: every vendor has the person subscribed.
    expect((await hubspotStatuses(hub, p.email))!['Marketing Information']).toBe('SUBSCRIBED');
    expect((await shopifyCustomer(hub, p.shopify!.customerId))!.emailMarketingConsent!.marketingState).toBe('SUBSCRIBED');
    expect((await klaviyoProfile(hub, p.klaviyo!.profileId))!.attributes.subscriptions!.email!.marketing!.consent).toBe('SUBSCRIBED');

    const customer = await customerOf(p.email);
    const { data, errors } = await optOut(customer.id);
    expect(errors).toBeUndefined();
    const result = data!.updateConsent;
    expect(result.record).toMatchObject({ source: 'HUB', status: 'DENIED', topic: 'EMAIL_MARKETING', method: 'PREFERENCE_PAGE', legalBasis: null });
    expect(result.record.evidence).toEqual(expect.arrayContaining([{ key: 'ticket', value: 'T-1001' }, { key: 'hub.client', value: 'hub_demo_internal' }]));
    expect(result.consent).toMatchObject({ topic: 'EMAIL_MARKETING', status: 'DENIED', source: 'HUB' });
    expect(result.propagation).toMatchObject({ kind: 'CONSENT', customerId: customer.id, topic: 'EMAIL_MARKETING', status: 'DENIED' });

    const done = await settled(result.propagation.id);
    // Email marketing is held by HubSpot, Shopify and Klaviyo; the ad platforms are not told.
    expect(stateOf(done)).toEqual({ HUBSPOT: 'APPLIED', SHOPIFY: 'APPLIED', KLAVIYO: 'APPLIED' });

    expect((await hubspotStatuses(hub, p.email))!['Marketing Information']).toBe('NOT_SUBSCRIBED');
    expect((await shopifyCustomer(hub, p.shopify!.customerId))!.emailMarketingConsent!.marketingState).toBe('UNSUBSCRIBED');
    await runKlaviyoJobs(hub);
    expect((await klaviyoProfile(hub, p.klaviyo!.profileId))!.attributes.subscriptions!.email!.marketing!.consent).toBe('UNSUBSCRIBED');

    const after = await customerOf(p.email);
    // The vendors' webhooks echo the write-back through ingest (their own DENIED, a moment later),
    // and the latest statement wins: the state is DENIED, its source the hub or a vendor echoing it.
    const current = after.consent.find((c: { topic: string }) => c.topic === 'EMAIL_MARKETING');
    expect(current.status).toBe('DENIED');
    expect(['HUB', 'HUBSPOT', 'SHOPIFY', 'KLAVIYO']).toContain(current.source);
    expect(after.consentHistory.map((r: { id: string }) => r.id)).toContain(result.record.id);
    expect(after.consentPropagation[0]).toMatchObject({ id: result.propagation.id, topic: 'EMAIL_MARKETING', status: 'DENIED', settled: true });
  });

  it('writes an opt-in with its legal basis back to every vendor, and an SMS choice only to those holding SMS', async () => {
    const p = person((p) => p.hubspot && p.shopify && p.klaviyo && p.consent.email === 'UNSUBSCRIBED');
    const customer = await customerOf(p.email);
    expect((await hubspotStatuses(hub, p.email))!['Marketing Information']).toBe('NOT_SUBSCRIBED');
    const grant = await gql(hub.gatewayUrl, UPDATE, {
      input: { customerId: customer.id, topic: 'EMAIL_MARKETING', status: 'GRANTED', method: 'DOUBLE_OPT_IN', legalBasis: 'CONSENT_WITH_NOTICE' },
    });
    expect(grant.errors).toBeUndefined();
    expect(grant.data!.updateConsent.consent).toMatchObject({ status: 'GRANTED', legalBasis: 'CONSENT_WITH_NOTICE', method: 'DOUBLE_OPT_IN' });
    expect(stateOf(await settled(grant.data!.updateConsent.propagation.id))).toEqual({ HUBSPOT: 'APPLIED', SHOPIFY: 'APPLIED', KLAVIYO: 'APPLIED' });
    expect((await hubspotStatuses(hub, p.email))!['Marketing Information']).toBe('SUBSCRIBED');
    expect((await shopifyCustomer(hub, p.shopify!.customerId))!.emailMarketingConsent!.marketingState).toBe('SUBSCRIBED');
    await runKlaviyoJobs(hub);
    expect((await klaviyoProfile(hub, p.klaviyo!.profileId))!.attributes.subscriptions!.email!.marketing!.consent).toBe('SUBSCRIBED');

    const texter = person((p) => p.shopify?.phone && p.klaviyo?.phoneNumber && p.consent.sms === 'SUBSCRIBED');
    const sms = await optOut((await customerOf(texter.email)).id, 'SMS_MARKETING');
    expect(sms.errors).toBeUndefined();
    // HubSpot holds no SMS consent: it is not told.
    expect(stateOf(await settled(sms.data!.updateConsent.propagation.id))).toEqual({ SHOPIFY: 'APPLIED', KLAVIYO: 'APPLIED' });
    expect((await shopifyCustomer(hub, texter.shopify!.customerId))!.smsMarketingConsent!.marketingState).toBe('UNSUBSCRIBED');
    await runKlaviyoJobs(hub);
    expect((await klaviyoProfile(hub, texter.klaviyo!.profileId))!.attributes.subscriptions!.sms!.marketing!.consent).toBe('UNSUBSCRIBED');
    await optOut(customer.id, 'SMS_MARKETING');
    const states = (await customerOf(p.email)).consent.map((c: { topic: string; status: string }) => [c.topic, c.status]);
    expect(states).toEqual([
      ['EMAIL_MARKETING', 'GRANTED'],
      ['SMS_MARKETING', 'DENIED'],
      ['AD_PERSONALIZATION', 'UNKNOWN'],
      ['AD_USER_DATA', 'UNKNOWN'],
    ]);
  });

  it('delivers an opt-out to a vendor that was down when it was made, once the vendor recovers', async () => {
    const p = person((p) => p.hubspot && p.shopify && p.klaviyo && p.consent.email === 'SUBSCRIBED');
    const customer = await customerOf(p.email);
    await setOutage(hub, 'shopify', true);
    let id: string;
    try {
      const { data, errors } = await optOut(customer.id);
      expect(errors).toBeUndefined();
      id = data!.updateConsent.propagation.id;
      // The others confirm; Shopify keeps failing, retried, with the reason kept.
      const stuck = await waitFor(
        async () => {
          const { data } = await gql(hub.gatewayUrl, PROPAGATION, { id });
          const shopify = data?.propagation?.vendors.find((v: { vendor: string }) => v.vendor === 'SHOPIFY');
          const others = data?.propagation?.vendors.filter((v: { vendor: string }) => v.vendor !== 'SHOPIFY') ?? [];
          return shopify?.attempts >= 2 && others.every((v: { state: string }) => v.state === 'APPLIED') ? data!.propagation : undefined;
        },
        { what: 'Shopify to be retried', timeoutMs: 30_000 },
      );
      const shopify = stuck.vendors.find((v: { vendor: string }) => v.vendor === 'SHOPIFY');
      expect(shopify).toMatchObject({ state: 'PENDING' });
      expect(shopify.lastError).toMatch(/UPSTREAM_UNAVAILABLE/);
      expect(stuck.settled).toBe(false);
    } finally {
      await setOutage(hub, 'shopify', false);
    }
    const done = await settled(id);
    expect(stateOf(done)).toEqual({ HUBSPOT: 'APPLIED', SHOPIFY: 'APPLIED', KLAVIYO: 'APPLIED' });
    expect(done.vendors.find((v: { vendor: string }) => v.vendor === 'SHOPIFY').attempts).toBeGreaterThan(2);
    expect((await shopifyCustomer(hub, p.shopify!.customerId))!.emailMarketingConsent!.marketingState).toBe('UNSUBSCRIBED');
  });

  it('turns a permanent refusal into a dead letter with its reason, which an operator can retry once fixed', async () => {
    const p = person((p) => p.hubspot && p.klaviyo && p.consent.email === 'SUBSCRIBED');
    const customer = await customerOf(p.email);
    const outbox = hub.stores.queues.open<OutboxJob>(CONSENT_OUTBOX_QUEUE);
    await setKlaviyoApiKey(hub, 'pk_rotated_by_someone_else');
    let id: string;
    try {
      const { data, errors } = await optOut(customer.id);
      expect(errors).toBeUndefined();
      id = data!.updateConsent.propagation.id;
      const done = await settled(id);
      const klaviyo = done.vendors.find((v: { vendor: string }) => v.vendor === 'KLAVIYO');
      // Refused credentials will not fix themselves: no retries, straight to the dead letters.
      expect(klaviyo).toMatchObject({ state: 'FAILED', attempts: 1 });
      expect(klaviyo.lastError).toMatch(/UPSTREAM_AUTH/);
      expect(stateOf(done)).toMatchObject({ HUBSPOT: 'APPLIED', KLAVIYO: 'FAILED' });
      const dead = (await outbox.deadLetters()).find((d) => d.id === `${id}:klaviyo`);
      expect(dead).toMatchObject({ data: { propagationId: id, vendor: 'klaviyo' }, attempts: 1 });
      expect(dead!.reason).toMatch(/klaviyo refused: UPSTREAM_AUTH/);
      // The job carries ids only: nothing of the person sits in the queue.
      expect(JSON.stringify(dead)).not.toContain(p.email);
    } finally {
      await setKlaviyoApiKey(hub, SANDBOX_CREDENTIALS.klaviyo.token);
    }
    expect(await outbox.retryDeadLetter(`${id}:klaviyo`)).toBe(true);
    const retried = await waitFor(
      async () => {
        const { data } = await gql(hub.gatewayUrl, PROPAGATION, { id });
        return data?.propagation?.vendors.find((v: { vendor: string }) => v.vendor === 'KLAVIYO')?.state === 'APPLIED' ? data.propagation : undefined;
      },
      { what: 'the retried dead letter to reach Klaviyo' },
    );
    expect(retried.settled).toBe(true);
    await runKlaviyoJobs(hub);
    expect((await klaviyoProfile(hub, p.klaviyo!.profileId))!.attributes.subscriptions!.email!.marketing!.consent).toBe('UNSUBSCRIBED');
  });

  it('keeps what a refused erasure needs until its dead letter is retried, then drops it', async () => {
    const p = person((p) => p.klaviyo && p.hubspot);
    const customer = await customerOf(p.email);
    const outbox = hub.stores.queues.open<OutboxJob>(CONSENT_OUTBOX_QUEUE);
    await setKlaviyoApiKey(hub, 'pk_rotated_by_someone_else');
    let id: string;
    try {
      const { data, errors } = await gql(hub.gatewayUrl, ERASE, { id: customer.id });
      expect(errors).toBeUndefined();
      id = data!.eraseCustomer.propagation.id;
      const done = await settled(id);
      expect(stateOf(done)).toMatchObject({ HUBSPOT: 'APPLIED', KLAVIYO: 'FAILED' });
      // Klaviyo has not erased the person yet: the identifiers it needs are kept for the retry.
      expect((await hub.stores.propagation.subjectOf(id))?.identities).toContainEqual({ kind: 'EMAIL', value: p.email });
    } finally {
      await setKlaviyoApiKey(hub, SANDBOX_CREDENTIALS.klaviyo.token);
    }
    expect(await outbox.retryDeadLetter(`${id}:klaviyo`)).toBe(true);
    await waitFor(async () => (await hub.stores.propagation.get(id))?.vendors.find((v) => v.vendor === 'klaviyo')?.state === 'applied', {
      what: 'the retried erasure to reach Klaviyo',
    });
    expect(await hub.stores.propagation.subjectOf(id)).toBeUndefined();
    await runKlaviyoJobs(hub);
    expect(await klaviyoProfile(hub, p.klaviyo!.profileId)).toBeUndefined();
  });

  it('erases a person from every vendor, ad audiences included, and from the hub, leaving no trace', async () => {
    const p = person((p) => p.hubspot && p.shopify && p.klaviyo && p.meta);
    const customer = await customerOf(p.email);
    const subject = { customerId: customer.id, identities: (await hub.stores.identities.getCustomer(customer.id))!.identities };
    // The hub placed the person in a Meta audience and a Google Customer Match list (with ad consent).
    const meta = await hub.connectors.meta.audiences!.sync({
      audience: { create: { name: 'Erasure test' } },
      reason: 'test: erasure',
      candidates: [{ ...subject, consent: { AD_USER_DATA: 'GRANTED', AD_PERSONALIZATION: 'GRANTED' } }],
    });
    expect(meta.uploaded).toEqual([customer.id]);
    const list = await hub.connectors.googleAds.customerMatch!.ensureList('Erasure test');
    const google = await hub.connectors.googleAds.customerMatch!.addMembers(list, [{ subject, consent: { adUserData: 'GRANTED', adPersonalization: 'GRANTED' } }], 'test: erasure');
    expect(google.customerIds).toEqual([customer.id]);
    expect(await metaAudienceMembers(hub, meta.audienceId)).not.toEqual([]);
    expect(await googleListMembers(hub, list.id)).toHaveLength(1);
    // Something in the hub's consent ledger, too.
    expect((await optOut(customer.id, 'SMS_MARKETING')).errors).toBeUndefined();

    const { data, errors } = await gql(hub.gatewayUrl, ERASE, { id: customer.id });
    expect(errors).toBeUndefined();
    const erasureId = data!.eraseCustomer.propagation.id;
    expect(data!.eraseCustomer.propagation).toMatchObject({ kind: 'ERASURE', customerId: customer.id });

    // The hub forgets at once: no customer by any identifier, no consent, no propagation history.
    expect((await gql(hub.gatewayUrl, CONSENT, { email: p.email })).data!.customer).toBeNull();
    expect(await hub.stores.identities.findCustomerIds(subject.identities)).toEqual(subject.identities.map(() => undefined));
    expect(await hub.stores.consent.history(customer.id)).toEqual([]);
    expect(await hub.stores.propagation.ofCustomer(customer.id, 10)).toEqual([]);

    const done = await settled(erasureId);
    expect(stateOf(done)).toEqual({ HUBSPOT: 'APPLIED', SHOPIFY: 'APPLIED', KLAVIYO: 'APPLIED', META: 'APPLIED', GOOGLE_ADS: 'APPLIED' });
    // The identifiers the vendors needed are gone once every vendor finished; the receipt stays.
    expect(await hub.stores.propagation.subjectOf(erasureId)).toBeUndefined();
    expect(JSON.stringify(await hub.stores.propagation.get(erasureId))).not.toContain(p.email);

    // Every sandbox: HubSpot deleted the contact, Klaviyo the profile, Shopify redacted the customer,
    // and neither ad platform lists the person any more.
    expect(await hubspotContact(hub, p.hubspot!.contactId)).toBeUndefined();
    expect(await hub.connectors.hubspot.client.getContactByEmail(p.hubspot!.email)).toBeUndefined();
    // HubSpot answers an address it does not know with every type at its default: nothing kept.
    expect(new Set(Object.values((await hubspotStatuses(hub, p.email)) ?? {}))).toEqual(new Set(['NOT_SUBSCRIBED']));
    await runKlaviyoJobs(hub);
    expect(await klaviyoProfile(hub, p.klaviyo!.profileId)).toBeUndefined();
    const shopify = (await shopifyCustomer(hub, p.shopify!.customerId))!;
    expect(shopify).toMatchObject({ firstName: null, lastName: null });
    for (const trace of [p.lastName, p.email, p.shopify!.email.trim(), p.phone.slice(-7)]) expect(JSON.stringify(shopify).toLowerCase()).not.toContain(trace.toLowerCase());
    expect(await metaAudienceMembers(hub, meta.audienceId)).toEqual([]);
    expect(await googleListMembers(hub, list.id)).toEqual([]);
  });

  it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
    const p = person((p) => p.hubspot && p.klaviyo);
    const before = await customerOf(p.email);
    const base = { customerId: before.id, topic: 'EMAIL_MARKETING', status: 'DENIED', method: 'PREFERENCE_PAGE' };
    const bad = [
      { ...base, method: 'clicked a link' },
      { ...base, status: 'GRANTED' },
      { ...base, status: 'GRANTED', legalBasis: 'BECAUSE' },
      { ...base, evidence: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' })) },
      { ...base, evidence: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] },
      { ...base, customerId: 'cus_nobody' },
      { ...base, customerId: '  ' },
    ];
    for (const input of bad) {
      const { data, errors } = await gql(hub.gatewayUrl, UPDATE, { input });
      expect(data?.updateConsent ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await gql(hub.gatewayUrl, UPDATE, { input: { ...base, method: 'x' } })).errors![0]!.message).toMatch(/input\.method must be an upper-case word/);
    for (const id of ['cus_nobody', '']) expect((await gql(hub.gatewayUrl, ERASE, { id })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = await customerOf(p.email);
    expect(after).toEqual(before);
    expect(await hub.stores.consent.history(before.id)).toEqual([]);
  });

  it('lets only callers with the scope change consent or erase, re-checked by the subgraph', async () => {
    const p = person((p) => p.hubspot && p.klaviyo);
    const customer = await customerOf(p.email);
    const input = { customerId: customer.id, topic: 'EMAIL_MARKETING', status: 'DENIED', method: 'PREFERENCE_PAGE' };
    // The partner may run only its persisted operations and holds no write scope.
    const partner = await gql(hub.gatewayUrl, UPDATE, { input }, PARTNER_CLIENT);
    expect(partner.data?.updateConsent ?? null).toBeNull();
    expect(partner.errors).toBeDefined();
    // A first-party app without the scope is refused by the gateway's scope policy.
    const unscoped = await gql(hub.gatewayUrl, UPDATE, { input }, NO_SCOPES);
    expect(unscoped.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    // consent:write does not grant erasure.
    const erase = await gql(hub.gatewayUrl, ERASE, { id: customer.id }, APP);
    expect(erase.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    // A call that reaches the subgraph without the caller's scopes (signed, but scope-less) is refused there too.
    const direct = await subgraphPost(hub, 'customer', { query: UPDATE, variables: { input } });
    const body = (await direct.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Nothing was written by any of them; with the scope, it is.
    expect(await hub.stores.consent.history(customer.id)).toEqual([]);
    expect((await customerOf(p.email)).id).toBe(customer.id);
    const allowed = await gql(hub.gatewayUrl, UPDATE, { input }, APP);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.updateConsent.record.evidence).toContainEqual({ key: 'hub.client', value: 'consent-app' });
    await settled(allowed.data!.updateConsent.propagation.id);
  });
});
