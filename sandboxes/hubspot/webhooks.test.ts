import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import type { HubSpotSandbox } from './app.js';
import { MARKETING_SUBSCRIPTION_ID } from './subscription-store.js';
import { api, hubSpotPeople, hubSpotSandbox } from './test/sandbox-fixture.js';
import { signatureV1, signatureV2, signatureV3 } from './webhooks.js';

describe('HubSpot’s published signature test vectors', () => {
  // https://developers.hubspot.com/docs/faq/v1-request-validation
  it('v1: hex(SHA-256(secret + body))', () => {
    const body =
      '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
    expect(signatureV1('yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy', body)).toBe('232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de');
  });

  // https://developers.hubspot.com/docs/faq/v2-request-validation
  it('v2: hex(SHA-256(secret + method + uri + body))', () => {
    expect(signatureV2('yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy', 'GET', 'https://www.example.com/webhook_uri', '')).toBe(
      'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
    );
  });
});

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('webhook deliveries from admin actions', () => {
  const received: Received[] = [];
  let server: Server;
  let target: string;
  let sandbox: HubSpotSandbox;
  const people = hubSpotPeople();
  const secret = SANDBOX_CREDENTIALS.hubspot.webhookSecret;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ url: request.url!, headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/hubspot?app=hub`;
    sandbox = hubSpotSandbox({ webhookTarget: target });
  });
  afterAll(async () => {
    await sandbox.app.close();
    server.close();
  });

  const act = async (url: string, payload: unknown = {}) => {
    const response = await sandbox.app.inject({ method: 'POST', url: `/__sandbox/actions${url}`, payload: payload as object });
    return { status: response.statusCode, body: JSON.parse(response.body) };
  };
  const lastEvents = () => JSON.parse(received.at(-1)!.body) as Record<string, unknown>[];

  it('signs each delivery with v3 over method, full URI, body and timestamp, and v1 beside it', async () => {
    const contact = people[0]!;
    const before = Date.now();
    const { status, body } = await act(`/contacts/${contact.hubspot!.contactId}/lifecycle-stage`, { stage: 'customer' });
    expect(status).toBe(200);
    expect(body.delivery).toMatchObject({ status: 204 });
    const delivery = received.at(-1)!;
    const timestamp = delivery.headers['x-hubspot-request-timestamp'] as string;
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    const expected = createHmac('sha256', secret).update(`POST${target}${delivery.body}${timestamp}`).digest('base64');
    expect(delivery.headers['x-hubspot-signature-v3']).toBe(expected);
    expect(delivery.headers['x-hubspot-signature-v3']).toBe(signatureV3(secret, 'POST', target, delivery.body, timestamp));
    expect(delivery.headers['x-hubspot-signature']).toBe(signatureV1(secret, delivery.body));
    expect(delivery.headers['x-hubspot-signature-version']).toBe('v1');
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(lastEvents()).toEqual([
      {
        eventId: expect.any(Number),
        subscriptionId: expect.any(Number),
        portalId: 62515,
        appId: 54321,
        occurredAt: expect.any(Number),
        subscriptionType: 'contact.propertyChange',
        attemptNumber: 0,
        objectId: Number(contact.hubspot!.contactId),
        propertyName: 'lifecyclestage',
        propertyValue: 'customer',
        changeSource: 'CRM',
      },
    ]);
    const read = await api(sandbox, 'GET', `/crm/v3/objects/contacts/${contact.hubspot!.contactId}?properties=lifecyclestage`);
    expect(read.body.properties.lifecyclestage).toBe('customer');
  });

  it('creates a contact and sends contact.creation; refuses a duplicate email and a bad stage', async () => {
    const { status, body } = await act('/contacts', { email: ' New.Person@Example.com ', firstname: 'New', lifecyclestage: 'lead' });
    expect(status).toBe(201);
    expect(body.record.properties).toMatchObject({ email: 'new.person@example.com', lifecyclestage: 'lead' });
    expect(lastEvents()[0]).toMatchObject({ subscriptionType: 'contact.creation', objectId: Number(body.record.id), changeFlag: 'CREATED' });
    expect((await act('/contacts', { email: 'new.person@example.com' })).status).toBe(409);
    expect((await act('/contacts', { email: 'x@example.com', lifecyclestage: 'champion' })).status).toBe(400);
    expect((await api(sandbox, 'GET', '/crm/v3/objects/contacts/new.person@example.com?idProperty=email')).body.id).toBe(body.record.id);
  });

  it('unsubscribes a contact (one type, or everything) and sends the opt-out property change', async () => {
    const person = people.find((p) => p.consent.email === 'SUBSCRIBED')!;
    const id = person.hubspot!.contactId;
    await act(`/contacts/${id}/unsubscribe`);
    expect(lastEvents()[0]).toMatchObject({ subscriptionType: 'contact.propertyChange', objectId: Number(id), propertyName: `hs_email_optout_${MARKETING_SUBSCRIPTION_ID}`, propertyValue: 'true' });
    const status = await api(sandbox, 'GET', `/communication-preferences/v3/status/email/${person.email}`);
    expect(status.body.subscriptionStatuses.find((s: { id: string }) => s.id === MARKETING_SUBSCRIPTION_ID).status).toBe('NOT_SUBSCRIBED');
    await act(`/contacts/${id}/unsubscribe`, { all: true });
    expect(lastEvents()[0]).toMatchObject({ propertyName: 'hs_email_optout', propertyValue: 'true' });
    await act(`/contacts/${id}/subscribe`);
    expect(lastEvents()[0]).toMatchObject({ propertyName: `hs_email_optout_${MARKETING_SUBSCRIPTION_ID}`, propertyValue: 'false' });
  });

  it('logs a sales email, a call and a note on a contact, each sent as object.creation with its type id', async () => {
    const id = people[1]!.hubspot!.contactId;
    const email = await act(`/contacts/${id}/sales-emails`, { subject: 'Your renewal', text: 'Hi' });
    expect(email.status).toBe(201);
    expect(lastEvents()[0]).toMatchObject({ subscriptionType: 'object.creation', objectTypeId: '0-49', objectId: Number(email.body.record.id) });
    const call = await act(`/contacts/${id}/calls`, { title: 'Renewal call' });
    expect(lastEvents()[0]).toMatchObject({ objectTypeId: '0-48', objectId: Number(call.body.record.id) });
    const note = await act(`/contacts/${id}/notes`, { body: '<p>Renewing.</p>' });
    expect(lastEvents()[0]).toMatchObject({ objectTypeId: '0-46', objectId: Number(note.body.record.id) });
    const assoc = await api(sandbox, 'GET', `/crm/v4/objects/emails/${email.body.record.id}/associations/contacts`);
    expect(assoc.body.results[0].toObjectId).toBe(Number(id));
    expect((await act(`/contacts/${id}/sales-emails`, {})).status).toBe(400);
    expect((await act('/contacts/1/notes', { body: 'x' })).status).toBe(404);
  });

  it('moves a deal’s stage and sends deal.propertyChange; history keeps the old stage', async () => {
    const deal = [...sandbox.state.objects.deals.all()].find((d) => d.properties.hs_is_closed === 'false')!;
    const before = deal.properties.dealstage;
    const { body } = await act(`/deals/${deal.id}/stage`, { stage: 'closedwon' });
    expect(body.record.properties).toMatchObject({ dealstage: 'closedwon', hs_is_closed: 'true', hs_is_closed_won: 'true' });
    expect(lastEvents()[0]).toMatchObject({ subscriptionType: 'deal.propertyChange', objectId: Number(deal.id), propertyName: 'dealstage', propertyValue: 'closedwon' });
    const read = await api(sandbox, 'GET', `/crm/v3/objects/deals/${deal.id}?propertiesWithHistory=dealstage`);
    expect(read.body.propertiesWithHistory.dealstage.map((h: { value: string }) => h.value).slice(0, 2)).toEqual(['closedwon', before]);
  });

  it('replays a delivery byte for byte', async () => {
    const last = sandbox.webhooks.deliveries().at(-1)!;
    const count = received.length;
    const replay = await sandbox.app.inject({ method: 'POST', url: `/__sandbox/webhooks/${last.id}/replay` });
    expect(replay.statusCode).toBe(200);
    expect(received).toHaveLength(count + 1);
    expect(received.at(-1)!.body).toBe(last.body);
    expect(received.at(-1)!.headers['x-hubspot-signature-v3']).toBe(last.headers['x-hubspot-signature-v3']);
  });
});
