import { afterAll, describe, expect, it } from 'vitest';
import { MARKETING_SUBSCRIPTION_ID, NEWSLETTER_SUBSCRIPTION_ID } from './subscription-store.js';
import { api, hubSpotPeople, hubSpotSandbox } from './test/sandbox-fixture.js';

const sandbox = hubSpotSandbox();
afterAll(() => sandbox.app.close());
const people = hubSpotPeople();
const subscribed = people.find((p) => p.consent.email === 'SUBSCRIBED')!;
const never = people.filter((p) => p.consent.email === 'NEVER_SUBSCRIBED');
const wideOptOuts = people.filter((p) => sandbox.state.subscriptions.optedOutOfAll(p.email));
const wideOptOut = wideOptOuts[0]!;
const V3 = '/communication-preferences/v3';

const marketingOf = (body: { subscriptionStatuses: { id: string }[] }) => body.subscriptionStatuses.find((s) => s.id === MARKETING_SUBSCRIPTION_ID)!;

describe('communication preferences v3', () => {
  it('lists the subscription definitions', async () => {
    const { body } = await api(sandbox, 'GET', `${V3}/definitions`);
    expect(body.subscriptionDefinitions.map((d: { name: string }) => d.name)).toEqual(['Marketing Information', 'Monthly Newsletter', 'One to One', 'Customer Service Communication']);
    expect(body.subscriptionDefinitions[0]).toMatchObject({ id: MARKETING_SUBSCRIPTION_ID, isActive: true, isDefault: true, isInternal: false, purpose: 'Marketing', communicationMethod: 'Email' });
  });

  it('reports an address’s statuses with the legal basis, and a portal-wide opt-out as its source', async () => {
    const { body } = await api(sandbox, 'GET', `${V3}/status/email/${encodeURIComponent(subscribed.email)}`);
    expect(body.recipient).toBe(subscribed.email);
    expect(marketingOf(body)).toMatchObject({ status: 'SUBSCRIBED', sourceOfStatus: 'SUBSCRIPTION_STATUS', legalBasis: expect.any(String), legalBasisExplanation: expect.any(String) });
    const wide = await api(sandbox, 'GET', `${V3}/status/email/${wideOptOut.email}`);
    expect(wide.body.subscriptionStatuses.every((s: { status: string; sourceOfStatus: string }) => s.status === 'NOT_SUBSCRIBED' && s.sourceOfStatus === 'PORTAL_WIDE_STATUS')).toBe(true);
    expect((await api(sandbox, 'GET', `${V3}/status/email/not-an-email`)).status).toBe(400);
  });

  it('subscribes with a legal basis (required: GDPR is on), then refuses to do it twice', async () => {
    const email = never[0]!.email;
    const missingBasis = await api(sandbox, 'POST', `${V3}/subscribe`, { emailAddress: email, subscriptionId: MARKETING_SUBSCRIPTION_ID });
    expect(missingBasis.status).toBe(400);
    expect(sandbox.state.subscriptions.get(email, MARKETING_SUBSCRIPTION_ID)).toBeUndefined();
    const ok = await api(sandbox, 'POST', `${V3}/subscribe`, { emailAddress: email, subscriptionId: MARKETING_SUBSCRIPTION_ID, legalBasis: 'CONSENT_WITH_NOTICE', legalBasisExplanation: 'Ticked the box.' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: MARKETING_SUBSCRIPTION_ID, name: 'Marketing Information', status: 'SUBSCRIBED', legalBasis: 'CONSENT_WITH_NOTICE', legalBasisExplanation: 'Ticked the box.' });
    expect((await api(sandbox, 'POST', `${V3}/subscribe`, { emailAddress: email, subscriptionId: MARKETING_SUBSCRIPTION_ID, legalBasis: 'CONSENT_WITH_NOTICE' })).status).toBe(400);
    const contact = await api(sandbox, 'GET', `/crm/v3/objects/contacts/${never[0]!.hubspot!.contactId}?properties=hs_email_optout_${MARKETING_SUBSCRIPTION_ID}`);
    expect(contact.body.properties[`hs_email_optout_${MARKETING_SUBSCRIPTION_ID}`]).toBe('false');
  });

  it('unsubscribes, then will not resubscribe through v3 (HubSpot’s rule), and refuses unknown legal bases', async () => {
    const email = subscribed.email;
    const out = await api(sandbox, 'POST', `${V3}/unsubscribe`, { emailAddress: email, subscriptionId: MARKETING_SUBSCRIPTION_ID });
    expect(out.body).toMatchObject({ status: 'NOT_SUBSCRIBED' });
    expect((await api(sandbox, 'POST', `${V3}/unsubscribe`, { emailAddress: email, subscriptionId: MARKETING_SUBSCRIPTION_ID })).status).toBe(400);
    expect((await api(sandbox, 'POST', `${V3}/subscribe`, { emailAddress: email, subscriptionId: MARKETING_SUBSCRIPTION_ID, legalBasis: 'CONSENT_WITH_NOTICE' })).status).toBe(400);
    expect((await api(sandbox, 'POST', `${V3}/subscribe`, { emailAddress: never[1]!.email, subscriptionId: NEWSLETTER_SUBSCRIPTION_ID, legalBasis: 'BECAUSE' })).status).toBe(400);
    const delivery = sandbox.webhooks.deliveries().at(-1)!;
    expect(JSON.parse(delivery.body)[0]).toMatchObject({ subscriptionType: 'contact.propertyChange', propertyName: `hs_email_optout_${MARKETING_SUBSCRIPTION_ID}`, propertyValue: 'true' });
  });
});

describe.each(['/communication-preferences/v4', '/communication-preferences/2026-09'])('statuses under %s', (base) => {
  it('reads one address’s statuses, NOT_SPECIFIED where it never chose', async () => {
    const email = never[2]!.email;
    const { body } = await api(sandbox, 'GET', `${base}/statuses/${email}?channel=EMAIL`);
    expect(body.status).toBe('COMPLETE');
    expect(body.results.find((s: { subscriptionId: number }) => s.subscriptionId === Number(MARKETING_SUBSCRIPTION_ID))).toMatchObject({
      subscriberIdString: email,
      channel: 'EMAIL',
      status: 'NOT_SPECIFIED',
    });
    expect((await api(sandbox, 'GET', `${base}/statuses/${email}`)).status).toBe(400);
  });

  it('batch-reads many addresses in one call; an invalid one is a 207 error', async () => {
    const inputs = people.slice(0, 5).map((p) => p.email);
    const ok = await api(sandbox, 'POST', `${base}/statuses/batch/read?channel=EMAIL`, { inputs });
    expect(ok.status).toBe(200);
    expect(ok.body.results.map((r: { subscriberIdString: string }) => r.subscriberIdString)).toEqual(inputs);
    const mixed = await api(sandbox, 'POST', `${base}/statuses/batch/read?channel=EMAIL`, { inputs: [...inputs, 'nope'] });
    expect(mixed.status).toBe(207);
    expect(mixed.body.errors[0].context.subscriberIdString).toEqual(['nope']);
  });

  it('sets a status, resubscribing an opted-out address (which v3 cannot), and says why', async () => {
    const email = wideOptOuts[base.endsWith('v4') ? 0 : 1]!.email;
    const unsubscribed = await api(sandbox, 'POST', `${base}/statuses/${email}`, { channel: 'EMAIL', statusState: 'UNSUBSCRIBED', subscriptionId: Number(NEWSLETTER_SUBSCRIPTION_ID) });
    expect(unsubscribed.body.results[0].setStatusSuccessReason).toBe('NO_STATUS_CHANGE');
    const noBasis = await api(sandbox, 'POST', `${base}/statuses/${email}`, { channel: 'EMAIL', statusState: 'SUBSCRIBED', subscriptionId: Number(MARKETING_SUBSCRIPTION_ID) });
    expect(noBasis.status).toBe(400);
    const back = await api(sandbox, 'POST', `${base}/statuses/${email}`, { channel: 'EMAIL', statusState: 'SUBSCRIBED', subscriptionId: Number(MARKETING_SUBSCRIPTION_ID), legalBasis: 'CONSENT_WITH_NOTICE', legalBasisExplanation: 'Asked again.' });
    expect(back.body.results[0]).toMatchObject({ status: 'SUBSCRIBED', setStatusSuccessReason: 'RESUBSCRIBE_OCCURRED', legalBasis: 'CONSENT_WITH_NOTICE' });
    const wide = await api(sandbox, 'GET', `${base}/statuses/${email}/unsubscribe-all?channel=EMAIL`);
    expect(wide.body.results[0]).toMatchObject({ wideStatusType: 'PORTAL_WIDE', status: 'SUBSCRIBED' });
  });

  it('unsubscribes an address from everything', async () => {
    const email = people.find((p) => p.consent.email === 'SUBSCRIBED' && !sandbox.state.subscriptions.optedOutOfAll(p.email) && p !== subscribed)!.email;
    const { body } = await api(sandbox, 'POST', `${base}/statuses/${email}/unsubscribe-all?channel=EMAIL`);
    expect(body.results.every((s: { status: string }) => s.status === 'UNSUBSCRIBED')).toBe(true);
    const wide = await api(sandbox, 'GET', `${base}/statuses/${email}/unsubscribe-all?channel=EMAIL`);
    expect(wide.body.results[0].status).toBe('UNSUBSCRIBED');
  });
});
