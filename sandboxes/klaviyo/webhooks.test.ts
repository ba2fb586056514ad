import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { klaviyoTestSandbox } from './testing.js';
import { signKlaviyoWebhook } from './webhooks.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
type Json = any;

/** A receiver that keeps the exact bytes and headers of each delivery. */
function receiver() {
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200).end();
    });
  });
  return { server, received };
}

describe('Klaviyo sandbox: signed system webhooks from actions', () => {
  const { server, received } = receiver();
  const sandbox = klaviyoTestSandbox();
  const { world, state, get } = sandbox;
  const action = (name: string, payload: Json) => sandbox.sandbox.app.inject({ method: 'POST', url: `/__sandbox/actions/${name}`, payload });
  const subscribed = world.people.find((p) => p.klaviyo && state.profiles.get(p.klaviyo.profileId)!.subscriptions.email.suppression.length === 0 && p.consent.email === 'SUBSCRIBED')!;
  const profileId = subscribed.klaviyo!.profileId;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    sandbox.sandbox.webhooks.target = `http://127.0.0.1:${port}/webhooks/klaviyo`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('signs hex(HMAC-SHA256(secret, rawBody + Klaviyo-Timestamp)) over the exact bytes it posts', async () => {
    const response = await action('send-email', { profileId, subject: 'Hello', campaignName: 'Sandbox test' });
    expect(response.statusCode).toBe(200);
    const { delivery } = response.json();
    expect(delivery.status).toBe(200);
    const got = received.at(-1)!;
    expect(got.body).toBe(delivery.body);
    const timestamp = got.headers['klaviyo-timestamp'] as string;
    expect(timestamp).toMatch(/^\d{10}$/);
    const expected = createHmac('sha256', SANDBOX_CREDENTIALS.klaviyo.webhookSecret).update(got.body).update(timestamp).digest('hex');
    expect(got.headers['klaviyo-signature']).toBe(expected);
    expect(got.headers['klaviyo-signature']).toMatch(/^[0-9a-f]{64}$/);
    // Body first, then the timestamp: the other order is a different signature.
    const reversed = createHmac('sha256', SANDBOX_CREDENTIALS.klaviyo.webhookSecret).update(timestamp + got.body).digest('hex');
    expect(got.headers['klaviyo-signature']).not.toBe(reversed);
  });

  it('matches a fixed test vector', () => {
    // Klaviyo publishes no vector; this one was computed independently with
    // `printf '%s' '{"data":[]}1700000000' | openssl dgst -sha256 -hmac 'test-secret-key-123'`.
    expect(signKlaviyoWebhook('test-secret-key-123', '{"data":[]}', '1700000000')).toBe('1559ac01c2cb1221b0875a1f4cf302cc94ef4f87be1e51f425af1bf4a5bb8c3d');
  });

  it('posts {data: [{topic, external_id, payload}], meta} with the event as Get Event returns it', async () => {
    await action('send-email', { profileId });
    const got = received.at(-1)!;
    const body: Json = JSON.parse(got.body);
    expect(body.meta).toMatchObject({ klaviyo_account_id: state.catalog.accountId, klaviyo_webhook_id: got.headers['klaviyo-webhook-id'] });
    expect(body.data).toHaveLength(1);
    const [item] = body.data;
    expect(item.topic).toBe('event:klaviyo.received_email');
    expect(item.payload.data).toMatchObject({ type: 'event', id: item.external_id, relationships: { profile: { data: { type: 'profile', id: profileId } } } });
    expect(item.payload.included.map((r: Json) => r.type).sort()).toEqual(['metric', 'profile']);
    const stored: Json = (await get(`/api/events/${item.external_id}`)).json();
    expect(stored.data.attributes).toEqual(item.payload.data.attributes);
  });

  it('records an open and a click of the email received, each with its own topic', async () => {
    const sent = (await action('send-email', { profileId, subject: 'Open me' })).json();
    const sentEvent = state.eventsOf(profileId).find((e) => e.id === sent.events[0].id)!;
    const opened = (await action('open-email', { profileId })).json();
    expect(opened.delivery.topic).toBe('event:klaviyo.opened_email');
    const clicked = (await action('click-email', { profileId, url: 'https://shop.example/sale' })).json();
    expect(clicked.delivery.topic).toBe('event:klaviyo.clicked_email');
    const click = state.eventsOf(profileId).find((e) => e.id === clicked.events[0].id)!;
    expect(click.properties).toMatchObject({ $message: sentEvent.properties.$message, URL: 'https://shop.example/sale' });
  });

  it('sends SMS only to people with SMS consent', async () => {
    const sms = world.people.find((p) => p.klaviyo?.phoneNumber && p.consent.sms === 'SUBSCRIBED')!;
    const ok = (await action('send-sms', { profileId: sms.klaviyo!.profileId })).json();
    expect(ok.delivery.topic).toBe('event:klaviyo.received_sms');
    const none = world.people.find((p) => p.klaviyo && p.consent.sms !== 'SUBSCRIBED')!;
    expect((await action('send-sms', { profileId: none.klaviyo!.profileId })).statusCode).toBe(409);
  });

  it('unsubscribes: the profile changes and the webhook says so; no more email goes out', async () => {
    const response = await action('unsubscribe', { profileId, channel: 'email' });
    expect(response.json().delivery.topic).toBe('event:klaviyo.unsubscribed_from_email_marketing');
    const profile: Json = (await get(`/api/profiles/${profileId}?additional-fields[profile]=subscriptions`)).json();
    expect(profile.data.attributes.subscriptions.email.marketing).toMatchObject({ consent: 'UNSUBSCRIBED', can_receive_email_marketing: false });
    expect((await action('send-email', { profileId })).statusCode).toBe(409);
  });

  it('unsubscribes SMS by a STOP text, an inbound Sent SMS', async () => {
    const sms = world.people.find((p) => p.klaviyo?.phoneNumber && p.consent.sms === 'SUBSCRIBED')!;
    const response = (await action('unsubscribe', { profileId: sms.klaviyo!.profileId, channel: 'sms' })).json();
    expect(response.events.map((e: Json) => e.metric)).toEqual(['Sent SMS', 'Unsubscribed from SMS Marketing']);
    const topics = JSON.parse(response.delivery.body).data.map((d: Json) => d.topic);
    expect(topics).toEqual(['event:klaviyo.sent_sms', 'event:klaviyo.unsubscribed_from_sms_marketing']);
  });

  it('replays a delivery byte for byte', async () => {
    const before = received.length;
    const last = sandbox.sandbox.webhooks.deliveries().at(-1)!;
    const replay = await sandbox.sandbox.app.inject({ method: 'POST', url: `/__sandbox/webhooks/${last.id}/replay` });
    expect(replay.statusCode).toBe(200);
    expect(received).toHaveLength(before + 1);
    expect(received.at(-1)!.body).toBe(last.body);
    expect(received.at(-1)!.headers['klaviyo-signature']).toBe(last.headers['klaviyo-signature']);
  });

  it('refuses bad action input and unknown profiles', async () => {
    expect((await action('send-email', {})).statusCode).toBe(400);
    expect((await action('unsubscribe', { profileId, channel: 'push' })).statusCode).toBe(400);
    expect((await action('send-email', { profileId: '01JNOBODY' })).statusCode).toBe(404);
  });
});
