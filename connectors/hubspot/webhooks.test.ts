/**
 * The HubSpot webhook handler on real deliveries: the sandbox's admin actions change its state and
 * POST signed deliveries to a receiver here, which hands them to the handler exactly as they arrived.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, testRuntime, type RunningHubSpotSandbox } from '../../test/support/hubspot-sandbox.js';
import { waitFor } from '../../test/support/wait-for.js';
import type { VendorWebhookHandler, WebhookRequest } from '../unified/contracts.js';
import { ConsentRecordSchema } from '../unified/consent.js';
import { UnifiedEventSchema } from '../unified/event.js';
import { createHubSpotClient, type HubSpotClient } from './client.js';
import { createMarketingSubscriptionsReader } from './marketing-subscriptions.js';
import { signatureV3 } from './webhook-signature.js';
import { createHubSpotWebhookHandler } from './webhooks.js';

let hubspot: RunningHubSpotSandbox;
let client: HubSpotClient;
let handler: VendorWebhookHandler;
let server: Server;
const received: WebhookRequest[] = [];
const SECRET = 'sandbox-hubspot-client-secret';

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = `http://${req.headers.host}${req.url}`;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
      received.push({ method: req.method!, url, headers, rawBody: Buffer.concat(chunks), query: Object.fromEntries(new URL(url).searchParams) });
      res.writeHead(204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  hubspot = await startHubSpotSandbox({ webhookTarget: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/hubspot?portal=62515` });
  client = createHubSpotClient(hubspot.connection, testRuntime(), { breaker: false });
  handler = createHubSpotWebhookHandler({ client, clientSecret: SECRET, marketing: createMarketingSubscriptionsReader(client) });
});
afterAll(async () => {
  client.close();
  await hubspot.close();
  server.close();
});

const people = () => hubspot.world.people.filter((p) => p.hubspot);
async function act(path: string, body: unknown = {}): Promise<WebhookRequest> {
  const before = received.length;
  const response = await hubspot.sandbox.app.inject({ method: 'POST', url: `/__sandbox/actions${path}`, payload: body as object });
  expect(response.statusCode).toBeLessThan(300);
  await waitFor(() => received.length > before, { what: 'the delivery' });
  return received[received.length - 1]!;
}
const resign = (request: WebhookRequest, body: string, timestamp = String(Date.now())): WebhookRequest => ({
  ...request,
  rawBody: Buffer.from(body),
  headers: { ...request.headers, 'x-hubspot-request-timestamp': timestamp, 'x-hubspot-signature-v3': signatureV3(SECRET, 'POST', request.url, body, timestamp) },
});

describe('verify', () => {
  it('accepts a delivery as HubSpot signed it, and refuses a tampered body or a foreign secret', async () => {
    const request = await act(`/contacts/${people()[0]!.hubspot!.contactId}/lifecycle-stage`, { stage: 'opportunity' });
    expect(handler.verify(request)).toEqual({ ok: true });
    const tampered = { ...request, rawBody: Buffer.from(request.rawBody.toString().replace('opportunity', 'customer')) };
    expect(handler.verify(tampered)).toEqual({ ok: false, reason: 'invalid_signature' });
    const other = createHubSpotWebhookHandler({ client, clientSecret: 'another-secret', marketing: createMarketingSubscriptionsReader(client) });
    expect(other.verify(request)).toEqual({ ok: false, reason: 'invalid_signature' });
  });

  it('refuses missing headers, a wrong-length signature, and a signature over another URL', async () => {
    const request = received[0]!;
    const { ['x-hubspot-signature-v3']: _omit, ...unsigned } = request.headers;
    expect(handler.verify({ ...request, headers: unsigned })).toEqual({ ok: false, reason: 'missing_signature' });
    expect(handler.verify({ ...request, headers: { ...request.headers, 'x-hubspot-signature-v3': 'c2hvcnQ=' } })).toEqual({ ok: false, reason: 'invalid_signature' });
    expect(handler.verify({ ...request, url: request.url.replace('portal=62515', 'portal=1') })).toEqual({ ok: false, reason: 'invalid_signature' });
  });

  it('refuses a timestamp older (or later) than five minutes, even correctly signed', () => {
    const request = received[0]!;
    const now = Date.now();
    const body = request.rawBody.toString();
    expect(handler.verify(resign(request, body, String(now - 301_000)), now)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(handler.verify(resign(request, body, String(now + 301_000)), now)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(handler.verify(resign(request, body, String(now - 299_000)), now)).toEqual({ ok: true });
  });

  it('accepts the URI with the characters HubSpot decodes before signing', () => {
    const request = received[0]!;
    const body = request.rawBody.toString();
    const timestamp = String(Date.now());
    const decoded = request.url.replace('?portal=62515', '?portal=62515&email=a@b.example');
    const signed = { ...request, rawBody: Buffer.from(body), url: decoded.replace('@', '%40'), headers: { ...request.headers, 'x-hubspot-request-timestamp': timestamp, 'x-hubspot-signature-v3': signatureV3(SECRET, 'POST', decoded, body, timestamp) } };
    expect(handler.verify(signed)).toEqual({ ok: true });
  });

  it('refuses a correctly signed body that is not a delivery, and everything when no secret is configured', () => {
    const request = received[0]!;
    expect(handler.verify(resign(request, '{"not":"an array"}'))).toEqual({ ok: false, reason: 'malformed_body' });
    const unconfigured = createHubSpotWebhookHandler({ client, clientSecret: undefined, marketing: createMarketingSubscriptionsReader(client) });
    expect(unconfigured.verify(request)).toEqual({ ok: false, reason: 'not_configured' });
  });
});

describe('deliveryKey', () => {
  it('is the same for HubSpot’s retry of a delivery (same events, next attempt, new signature) and differs otherwise', async () => {
    const request = received[0]!;
    const events = JSON.parse(request.rawBody.toString()) as { attemptNumber: number }[];
    const retry = resign(request, JSON.stringify(events.map((e) => ({ ...e, attemptNumber: e.attemptNumber + 1 }))));
    expect(handler.deliveryKey(retry)).toBe(handler.deliveryKey(request));
    const replay = await hubspot.sandbox.webhooks.replay(hubspot.sandbox.webhooks.deliveries()[0]!.id);
    expect(replay).toBeDefined();
    const next = await act(`/contacts/${people()[1]!.hubspot!.contactId}/lifecycle-stage`, { stage: 'customer' });
    expect(handler.deliveryKey(next)).not.toBe(handler.deliveryKey(request));
  });
});

describe('toBatch', () => {
  const parseAll = (batch: Awaited<ReturnType<VendorWebhookHandler['toBatch']>>) => {
    for (const event of batch.events) UnifiedEventSchema.parse(event);
    for (const consent of batch.consents) ConsentRecordSchema.parse(consent);
    return batch;
  };

  it('maps a lifecycle stage change', async () => {
    const id = people()[2]!.hubspot!.contactId;
    const batch = parseAll(await handler.toBatch(await act(`/contacts/${id}/lifecycle-stage`, { stage: 'salesqualifiedlead' })));
    expect(batch.events).toEqual([expect.objectContaining({ type: 'LIFECYCLE_STAGE_CHANGED', channel: 'SALES', identities: [{ kind: 'HUBSPOT', value: id }], summary: 'Lifecycle stage set to salesqualifiedlead' })]);
    expect(batch.changed).toEqual([{ vendor: 'hubspot', entity: 'contact', id }]);
  });

  it('maps a new contact to an identity observation and a PROFILE_CREATED event', async () => {
    const batch = parseAll(await handler.toBatch(await act('/contacts', { email: 'Fresh.Lead@Example.org', firstname: 'Fresh' })));
    const id = batch.changed[0]!.id;
    expect(batch.observations).toEqual([expect.objectContaining({ source: 'hubspot', sourceRecordId: id, identities: [{ kind: 'HUBSPOT', value: id }, { kind: 'EMAIL', value: 'fresh.lead@example.org' }] })]);
    expect(batch.events[0]).toMatchObject({ type: 'PROFILE_CREATED', id: `hubspot:contact:${id}:created` });
  });

  it('maps an unsubscribe to EMAIL_UNSUBSCRIBED and a DENIED EMAIL_MARKETING consent', async () => {
    const person = people().find((p) => p.consent.email === 'SUBSCRIBED')!;
    const id = person.hubspot!.contactId;
    const batch = parseAll(await handler.toBatch(await act(`/contacts/${id}/unsubscribe`)));
    const identities = [{ kind: 'HUBSPOT', value: id }, { kind: 'EMAIL', value: person.email }];
    expect(batch.events).toEqual([expect.objectContaining({ type: 'EMAIL_UNSUBSCRIBED', channel: 'EMAIL', identities, summary: 'Unsubscribed from Marketing Information' })]);
    expect(batch.consents).toEqual([expect.objectContaining({ topic: 'EMAIL_MARKETING', status: 'DENIED', source: 'hubspot', method: 'UNSUBSCRIBE_LINK', identities })]);
    expect(batch.changed).toEqual(expect.arrayContaining([{ vendor: 'hubspot', entity: 'contact-subscriptions', id }]));
    const again = parseAll(await handler.toBatch(await act(`/contacts/${id}/subscribe`)));
    expect(again.consents[0]).toMatchObject({ status: 'GRANTED', method: 'PREFERENCE_PAGE' });
    expect(again.events).toEqual([]);
  });

  it('maps logged sales emails, calls and notes to SALES_* events for their contact, without PII in the summary', async () => {
    const person = people()[3]!;
    const id = person.hubspot!.contactId;
    const email = parseAll(await handler.toBatch(await act(`/contacts/${id}/sales-emails`, { subject: 'Your quote', text: `Hi ${person.firstName}` })));
    expect(email.events).toEqual([
      expect.objectContaining({ type: 'SALES_EMAIL', summary: 'Sales email sent', identities: [{ kind: 'HUBSPOT', value: id }], details: expect.objectContaining({ kind: 'sales', subject: 'Your quote', direction: 'OUTBOUND' }) }),
    ]);
    expect(email.changed).toEqual(expect.arrayContaining([{ vendor: 'hubspot', entity: 'contact-emails', id }]));
    const call = parseAll(await handler.toBatch(await act(`/contacts/${id}/calls`, { title: 'Follow-up', durationMs: 180_000 })));
    expect(call.events[0]).toMatchObject({ type: 'SALES_CALL', summary: 'Outbound sales call, connected, 3 min' });
    const note = parseAll(await handler.toBatch(await act(`/contacts/${id}/notes`, { body: `<p>${person.email}</p>` })));
    expect(note.events[0]).toMatchObject({ type: 'SALES_NOTE', summary: 'Note added by the sales team' });
    for (const event of [...email.events, ...call.events, ...note.events]) {
      expect(event.summary).not.toContain(person.email);
      expect(event.summary).not.toContain(person.firstName);
    }
  });

  it('maps a deal stage change to DEAL_STAGE_CHANGED for each of the deal’s contacts', async () => {
    const deal = [...hubspot.sandbox.state.objects.deals.all()].find((d) => d.properties.hs_is_closed === 'false')!;
    const [contact] = hubspot.sandbox.state.associations.list('deals', deal.id, 'contacts');
    const batch = parseAll(await handler.toBatch(await act(`/deals/${deal.id}/stage`, { stage: 'contractsent' })));
    expect(batch.events).toEqual([
      expect.objectContaining({ type: 'DEAL_STAGE_CHANGED', identities: [{ kind: 'HUBSPOT', value: contact!.toObjectId }], summary: 'Deal moved to Contract sent', details: expect.objectContaining({ dealId: deal.id, stage: 'contractsent' }) }),
    ]);
    expect(batch.changed).toEqual([{ vendor: 'hubspot', entity: 'deal', id: deal.id }]);
  });

  it('maps a GDPR delete to an erasure and drops every cached entry about the contact', async () => {
    const person = people()[4]!;
    const id = person.hubspot!.contactId;
    const before = received.length;
    expect((await client.gdprDeleteContact(id))).toBe(true);
    await waitFor(() => received.length > before, { what: 'the privacy deletion delivery' });
    const batch = await handler.toBatch(received[received.length - 1]!);
    expect(batch.erasures).toEqual([{ vendor: 'hubspot', identities: [{ kind: 'HUBSPOT', value: id }] }]);
    expect(batch.changed.map((c) => c.entity).sort()).toEqual(['contact', 'contact-calls', 'contact-deals', 'contact-emails', 'contact-notes', 'contact-subscriptions']);
  });
});
