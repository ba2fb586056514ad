/**
 * The webhook handler against deliveries the Klaviyo sandbox really signs and posts: accept,
 * reject (tampered, wrong secret, missing, wrong length, stale, malformed), dedupe and mapping.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { klaviyoTestSandbox } from '../../sandboxes/klaviyo/testing.js';
import type { WebhookRequest } from '../unified/contracts.js';
import { createKlaviyoWebhookHandler, klaviyoSignature, timestampMs } from './webhooks.js';

const SECRET = SANDBOX_CREDENTIALS.klaviyo.webhookSecret;
const handler = createKlaviyoWebhookHandler({ secret: SECRET });

const asRequest = (delivery: { headers: Record<string, string>; body: string }): WebhookRequest => ({
  method: 'POST',
  url: 'http://127.0.0.1:4010/webhooks/klaviyo',
  headers: Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k.toLowerCase(), v])),
  rawBody: Buffer.from(delivery.body, 'utf8'),
  query: {},
});

/** A delivery made by a sandbox action, exactly as it was signed and sent. */
async function deliveryOf(action: string, pick: (w: ReturnType<typeof klaviyoTestSandbox>) => object) {
  const sandbox = klaviyoTestSandbox();
  const response = await sandbox.sandbox.app.inject({ method: 'POST', url: `/__sandbox/actions/${action}`, payload: pick(sandbox) });
  expect(response.statusCode).toBe(200);
  const delivery = sandbox.sandbox.webhooks.deliveries().at(-1)!;
  return { sandbox, delivery, request: asRequest(delivery), now: Number(delivery.headers['klaviyo-timestamp']) * 1000 };
}

const subscribedProfile = (w: ReturnType<typeof klaviyoTestSandbox>) =>
  w.world.people.find((p) => p.klaviyo && p.consent.email === 'SUBSCRIBED' && w.state.profiles.get(p.klaviyo.profileId)!.subscriptions.email.suppression.length === 0)!;

describe('Klaviyo webhooks: verification', () => {
  it('accepts a delivery the sandbox signed, and rejects every tampering', async () => {
    const { request, now } = await deliveryOf('send-email', (w) => ({ profileId: subscribedProfile(w).klaviyo!.profileId }));
    expect(handler.verify(request, now)).toEqual({ ok: true });

    const tamperedBody = { ...request, rawBody: Buffer.from(request.rawBody.toString().replace('Received', 'Reveived')) };
    expect(handler.verify(tamperedBody, now)).toEqual({ ok: false, reason: 'invalid_signature' });
    const otherSecret = createKlaviyoWebhookHandler({ secret: 'another-secret-key-123' });
    expect(otherSecret.verify(request, now)).toEqual({ ok: false, reason: 'invalid_signature' });
    const flipped = request.headers['klaviyo-signature']!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expect(handler.verify({ ...request, headers: { ...request.headers, 'klaviyo-signature': flipped } }, now)).toEqual({ ok: false, reason: 'invalid_signature' });
    const short = request.headers['klaviyo-signature']!.slice(0, 40);
    expect(handler.verify({ ...request, headers: { ...request.headers, 'klaviyo-signature': short } }, now)).toEqual({ ok: false, reason: 'invalid_signature' });
    const { 'klaviyo-signature': _s, ...unsigned } = request.headers;
    expect(handler.verify({ ...request, headers: unsigned }, now)).toEqual({ ok: false, reason: 'missing_signature' });
    const { 'klaviyo-timestamp': _t, ...untimed } = request.headers;
    expect(handler.verify({ ...request, headers: untimed }, now)).toEqual({ ok: false, reason: 'missing_signature' });
    expect(createKlaviyoWebhookHandler({ secret: undefined }).verify(request, now)).toEqual({ ok: false, reason: 'not_configured' });
  });

  it('signs body then timestamp: a timestamp moved into the signature does not pass', async () => {
    const { request, now } = await deliveryOf('send-email', (w) => ({ profileId: subscribedProfile(w).klaviyo!.profileId }));
    const later = String(now / 1000 + 60);
    // Replaying the body with a fresh timestamp needs a fresh signature, which only the secret gives.
    expect(handler.verify({ ...request, headers: { ...request.headers, 'klaviyo-timestamp': later } }, now)).toEqual({ ok: false, reason: 'invalid_signature' });
    const resigned = createHmac('sha256', SECRET).update(request.rawBody).update(later).digest('hex');
    expect(handler.verify({ ...request, headers: { ...request.headers, 'klaviyo-timestamp': later, 'klaviyo-signature': resigned } }, now)).toEqual({ ok: true });
  });

  it('refuses timestamps outside five minutes either way', async () => {
    const { request, now } = await deliveryOf('send-email', (w) => ({ profileId: subscribedProfile(w).klaviyo!.profileId }));
    expect(handler.verify(request, now + 299_000)).toEqual({ ok: true });
    expect(handler.verify(request, now + 301_000)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(handler.verify(request, now - 301_000)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(handler.verify({ ...request, headers: { ...request.headers, 'klaviyo-timestamp': 'yesterday' } }, now)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(timestampMs('1700000000')).toBe(1_700_000_000_000);
    expect(timestampMs('1700000000123')).toBe(1_700_000_000_123);
    expect(timestampMs('2023-11-14T22:13:20+00:00')).toBe(1_700_000_000_000);
  });

  it('refuses a correctly signed body that is not a Klaviyo delivery', () => {
    const body = '{"hello":"world"}';
    const timestamp = '1800000000';
    const signature = createHmac('sha256', SECRET).update(body + timestamp).digest('hex');
    const request = asRequest({ headers: { 'klaviyo-signature': signature, 'klaviyo-timestamp': timestamp }, body });
    expect(handler.verify(request, 1_800_000_000_000)).toEqual({ ok: false, reason: 'malformed_body' });
    return expect(handler.toBatch(request)).rejects.toThrow(/not a Klaviyo system webhook body/);
  });
});

describe('Klaviyo webhooks: replay key and mapping', () => {
  it('gives a byte-for-byte replay the same key and another delivery another', async () => {
    const { sandbox, delivery, request } = await deliveryOf('send-email', (w) => ({ profileId: subscribedProfile(w).klaviyo!.profileId }));
    const replay = await sandbox.sandbox.webhooks.replay(delivery.id);
    expect(handler.deliveryKey(asRequest(replay!))).toBe(handler.deliveryKey(request));
    const profileId = subscribedProfile(sandbox).klaviyo!.profileId;
    await sandbox.sandbox.app.inject({ method: 'POST', url: '/__sandbox/actions/send-email', payload: { profileId } });
    const other = sandbox.sandbox.webhooks.deliveries().at(-1)!;
    expect(handler.deliveryKey(asRequest(other))).not.toBe(handler.deliveryKey(request));
    expect(handler.deliveryKey(request)).toMatch(/^klaviyo:01J[0-9A-Z]+:[0-9a-f]{32}$/);
  });

  it('maps a send to EMAIL_SENT with the profile’s identities and invalidates the profile', async () => {
    const { request, sandbox } = await deliveryOf('send-email', (w) => ({ profileId: subscribedProfile(w).klaviyo!.profileId, campaignName: 'Hub test' }));
    const person = subscribedProfile(sandbox);
    const batch = await handler.toBatch(request);
    expect(batch.events).toHaveLength(1);
    expect(batch.events[0]).toMatchObject({ source: 'klaviyo', channel: 'EMAIL', type: 'EMAIL_SENT', summary: 'Email sent: Hub test' });
    expect(batch.events[0]!.identities).toEqual(expect.arrayContaining([{ kind: 'KLAVIYO', value: person.klaviyo!.profileId }, { kind: 'EMAIL', value: person.email }]));
    expect(batch.observations.map((o) => o.sourceRecordId)).toEqual([person.klaviyo!.profileId]);
    expect(batch.changed).toEqual([
      { vendor: 'klaviyo', entity: 'profile', id: person.klaviyo!.profileId },
      { vendor: 'klaviyo', entity: 'profile-lists', id: person.klaviyo!.profileId },
      { vendor: 'klaviyo', entity: 'profile-segments', id: person.klaviyo!.profileId },
    ]);
    expect(batch.consents).toEqual([]);
  });

  it('maps an SMS unsubscribe to SMS_UNSUBSCRIBED and a DENIED consent record, ignoring the inbound STOP text', async () => {
    const { request, sandbox } = await deliveryOf('unsubscribe', (w) => ({
      profileId: w.world.people.find((p) => p.klaviyo?.phoneNumber && p.consent.sms === 'SUBSCRIBED')!.klaviyo!.profileId,
      channel: 'sms',
    }));
    const batch = await handler.toBatch(request);
    expect(batch.events.map((e) => e.type)).toEqual(['SMS_UNSUBSCRIBED']);
    expect(batch.consents).toMatchObject([{ topic: 'SMS_MARKETING', status: 'DENIED', source: 'klaviyo', method: 'SMS_KEYWORD_STOP' }]);
    void sandbox;
  });
});

describe('Klaviyo webhooks: the independent test vector', () => {
  it('computes the same signature as openssl for body + timestamp', () => {
    // `printf '%s' '{"data":[]}1700000000' | openssl dgst -sha256 -hmac 'test-secret-key-123'`
    expect(klaviyoSignature('test-secret-key-123', Buffer.from('{"data":[]}'), '1700000000')).toBe('1559ac01c2cb1221b0875a1f4cf302cc94ef4f87be1e51f425af1bf4a5bb8c3d');
  });
});
