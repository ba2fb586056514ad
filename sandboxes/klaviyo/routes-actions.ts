/**
 * Admin actions under `/__sandbox/actions/`: make something happen in the account the way it
 * happens at Klaviyo (a campaign email reaches someone, they open it, click, get an SMS,
 * unsubscribe, confirm a double opt-in) and send the signed system webhook for it.
 * Plus `/__sandbox/jobs` to see and run the queued bulk jobs.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { MetricName } from './catalog.js';
import { confirmOptIn } from './consent-operations.js';
import type { KlaviyoRouteContext } from './context.js';
import { profileId as newMessageId } from './format.js';
import { emailProperties, smsProperties, type KlaviyoEventRecord } from './history.js';
import type { KlaviyoProfileRecord } from './state.js';
import { canReceiveEmail, canReceiveSms, setSms, unsubscribeEmail } from './subscriptions.js';

const ProfileAction = z.object({ profileId: z.string().min(1) });
const SendEmail = ProfileAction.extend({ subject: z.string().min(1).optional(), campaignName: z.string().min(1).optional() });
const Engage = ProfileAction.extend({ messageId: z.string().min(1).optional(), url: z.string().url().optional() });
const SendSms = ProfileAction.extend({ body: z.string().min(1).optional(), campaignName: z.string().min(1).optional() });
const Unsubscribe = ProfileAction.extend({ channel: z.enum(['email', 'sms']) });
const ConfirmOptIn = ProfileAction.extend({ listId: z.string().min(1) });

export function registerActionRoutes({ app, state, jobs, notify }: KlaviyoRouteContext) {
  const ids = state.runtime;

  /** Parses the body and finds the profile, or answers 400 / 404 and returns undefined. */
  const read = <S extends typeof ProfileAction>(schema: S, body: unknown, reply: FastifyReply) => {
    const parsed = schema.safeParse(body ?? {});
    if (!parsed.success) {
      void reply.code(400).send({ error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return undefined;
    }
    const profile = state.profiles.get(parsed.data.profileId);
    if (!profile) {
      void reply.code(404).send({ error: `no profile ${parsed.data.profileId}` });
      return undefined;
    }
    return { input: parsed.data as z.infer<S>, profile };
  };
  const respond = async (events: KlaviyoEventRecord[]) => ({ events: events.map((e) => ({ id: e.id, metric: e.metric })), delivery: (await notify(events)) ?? null });
  /** The latest Received Email (or the one with this message id) that an open or click refers to. */
  const receivedEmail = (profile: KlaviyoProfileRecord, messageId: string | undefined) =>
    [...state.eventsOf(profile.id)].reverse().find((e) => e.metric === 'Received Email' && (messageId === undefined || e.properties.$message === messageId));

  app.post('/__sandbox/actions/send-email', async (request, reply) => {
    const found = read(SendEmail, request.body, reply);
    if (!found) return reply;
    const { input, profile } = found;
    if (!profile.email || !canReceiveEmail(profile.subscriptions.email)) {
      return reply.code(409).send({ error: 'Klaviyo skips this profile: it cannot receive email marketing (unsubscribed or suppressed)' });
    }
    const campaign = { messageId: newMessageId(ids), name: input.campaignName ?? 'Sandbox campaign', subject: input.subject ?? 'A note from the sandbox' };
    return respond([state.addEvent(profile.id, 'Received Email', emailProperties(campaign, profile.email))]);
  });

  const engage = (metric: MetricName, path: string) =>
    app.post(path, async (request, reply) => {
      const found = read(Engage, request.body, reply);
      if (!found) return reply;
      const received = receivedEmail(found.profile, found.input.messageId);
      if (!received) return reply.code(409).send({ error: 'the profile has received no such email' });
      const extra = metric === 'Clicked Email' ? { URL: found.input.url ?? 'https://shop.example/' } : { 'Client Name': 'Gmail', 'Client Type': 'Webmail', 'Client OS': 'Android' };
      return respond([state.addEvent(found.profile.id, metric, { ...received.properties, ...extra })]);
    });
  engage('Opened Email', '/__sandbox/actions/open-email');
  engage('Clicked Email', '/__sandbox/actions/click-email');

  app.post('/__sandbox/actions/send-sms', async (request, reply) => {
    const found = read(SendSms, request.body, reply);
    if (!found) return reply;
    const { input, profile } = found;
    if (!profile.phoneNumber || !canReceiveSms(profile.subscriptions.sms)) {
      return reply.code(409).send({ error: 'Klaviyo skips this profile: it has no SMS marketing consent' });
    }
    const campaign = { messageId: newMessageId(ids), name: input.campaignName ?? 'Sandbox SMS', subject: input.body ?? 'Sandbox offer! Reply STOP to opt out' };
    return respond([state.addEvent(profile.id, 'Received SMS', smsProperties(campaign))]);
  });

  app.post('/__sandbox/actions/unsubscribe', async (request, reply) => {
    const found = read(Unsubscribe, request.body, reply);
    if (!found) return reply;
    const { input, profile } = found;
    const at = state.touch(profile);
    if (input.channel === 'email') {
      unsubscribeEmail(profile.subscriptions.email, at, 'EMAIL_UNSUBSCRIBE');
      profile.lists.delete(state.catalog.lists.newsletter.id);
      return respond([state.addEvent(profile.id, 'Unsubscribed from Email Marketing', { Method: 'EMAIL_UNSUBSCRIBE' })]);
    }
    setSms(profile.subscriptions.sms, 'UNSUBSCRIBED', at, 'TEXT', 'STOP');
    profile.lists.delete(state.catalog.lists.sms.id);
    const inbound = state.addEvent(profile.id, 'Sent SMS', { 'Message Body': 'STOP', 'Message Type': 'keyword' });
    return respond([inbound, state.addEvent(profile.id, 'Unsubscribed from SMS Marketing', { Method: 'TEXT', Keyword: 'STOP' })]);
  });

  app.post('/__sandbox/actions/confirm-opt-in', async (request, reply) => {
    const found = read(ConfirmOptIn, request.body, reply);
    if (!found) return reply;
    const event = confirmOptIn(state, found.profile, found.input.listId);
    if (!event) return reply.code(409).send({ error: 'no double opt-in is pending for this profile and list' });
    return respond([event]);
  });

  app.get('/__sandbox/jobs', async () => ({ jobs: jobs.list() }));
  app.post('/__sandbox/jobs/run', async () => {
    await jobs.runPending();
    return { jobs: jobs.list() };
  });
}
