/**
 * Admin actions (`/__sandbox/actions/...`) that make something happen in the portal the way a
 * HubSpot user or customer would, and send the webhook HubSpot sends for it: create a contact,
 * change a lifecycle stage, unsubscribe or resubscribe, log a sales email, call or note, move
 * a deal's stage. Each answers with the changed record and the delivery it sent.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ADMIN_PREFIX } from '../../kit/create-sandbox-app.js';
import type { WebhookDelivery } from '../../kit/webhook-sender.js';
import { normalizeEmailAddress } from '../email.js';
import { createRecord, optOutOfAll, setProperties, setSubscriptionStatus } from '../mutations.js';
import type { CrmRecord } from '../object-store.js';
import { OBJECT_TYPE_IDS, type ObjectType } from '../object-types.js';
import { presentRecord } from '../present.js';
import { CALL_DISPOSITIONS, DEAL_STAGES, LIFECYCLE_STAGES } from '../seed-history.js';
import { findDefinition, LEGAL_BASES, MARKETING_SUBSCRIPTION_ID } from '../subscription-store.js';
import { nowIso, type RouteContext } from './context.js';

const ACTIONS = `${ADMIN_PREFIX}/actions`;

const CreateContact = z.object({
  email: z.string().transform((e, c) => normalizeEmailAddress(e) ?? (c.addIssue({ code: 'custom', message: 'email is not an email address' }), z.NEVER)),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  phone: z.string().optional(),
  lifecyclestage: z.enum(LIFECYCLE_STAGES as [string, ...string[]]).default('lead'),
  hubspot_owner_id: z.string().default('7000001'),
});
const Stage = z.object({ stage: z.enum(LIFECYCLE_STAGES as [string, ...string[]]) });
const DealStage = z.object({ stage: z.enum(DEAL_STAGES) });
const Unsubscribe = z.object({ subscriptionId: z.string().default(MARKETING_SUBSCRIPTION_ID), all: z.boolean().default(false) });
const Subscribe = z.object({
  subscriptionId: z.string().default(MARKETING_SUBSCRIPTION_ID),
  legalBasis: z.enum(LEGAL_BASES).default('CONSENT_WITH_NOTICE'),
  legalBasisExplanation: z.string().default('Chose it on the preferences page.'),
});
const SalesEmail = z.object({ subject: z.string().min(1), text: z.string().default(''), direction: z.enum(['EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL']).default('EMAIL') });
const Call = z.object({
  title: z.string().min(1),
  disposition: z.enum(Object.keys(CALL_DISPOSITIONS) as [string, ...string[]]).default('f240bbac-87c9-4f6e-bf70-924b57d47db7'),
  direction: z.enum(['OUTBOUND', 'INBOUND']).default('OUTBOUND'),
  durationMs: z.number().int().min(0).default(300_000),
});
const Note = z.object({ body: z.string().min(1) });

export function registerActionRoutes(ctx: RouteContext): void {
  const { app, state } = ctx;
  const answer = (type: ObjectType, record: CrmRecord, delivery: WebhookDelivery | undefined) => ({
    record: presentRecord(state, type, record, { properties: Object.keys(record.properties) }),
    delivery: delivery ? { id: delivery.id, status: delivery.status ?? null, error: delivery.error ?? null } : null,
  });
  const contactOr404 = (id: string, reply: FastifyReply) => {
    const contact = state.objects.contacts.get(id);
    if (!contact) void reply.code(404).send({ error: `no contact ${id}` });
    return contact;
  };

  app.post(`${ACTIONS}/contacts`, async (request, reply) => {
    const body = parse(CreateContact, request.body, reply);
    if (!body) return reply;
    if (state.contactIdByEmail.has(body.email)) return reply.code(409).send({ error: 'a contact with that email exists' });
    const contact = createRecord(state, 'contacts', { ...body, hs_lead_status: 'NEW' }, nowIso(ctx));
    const delivery = await ctx.webhooks.emit([{ subscriptionType: 'contact.creation', objectId: Number(contact.id), changeFlag: 'CREATED' }]);
    return reply.code(201).send(answer('contacts', contact, delivery));
  });

  app.post<{ Params: { id: string } }>(`${ACTIONS}/contacts/:id/lifecycle-stage`, async (request, reply) => {
    const body = parse(Stage, request.body, reply);
    const contact = body && contactOr404(request.params.id, reply);
    if (!body || !contact) return reply;
    setProperties(state, 'contacts', contact, { lifecyclestage: body.stage }, nowIso(ctx));
    const delivery = await ctx.webhooks.emit([{ subscriptionType: 'contact.propertyChange', objectId: Number(contact.id), propertyName: 'lifecyclestage', propertyValue: body.stage }]);
    return answer('contacts', contact, delivery);
  });

  app.post<{ Params: { id: string } }>(`${ACTIONS}/contacts/:id/unsubscribe`, async (request, reply) => {
    const body = parse(Unsubscribe, request.body ?? {}, reply);
    const contact = body && contactOr404(request.params.id, reply);
    if (!body || !contact) return reply;
    if (!findDefinition(body.subscriptionId)) return reply.code(400).send({ error: `no subscription ${body.subscriptionId}` });
    const email = contact.properties.email!;
    const at = nowIso(ctx);
    if (body.all) optOutOfAll(state, email, at, 'Unsubscribe link');
    else setSubscriptionStatus(state, email, body.subscriptionId, { state: 'UNSUBSCRIBED', timestamp: at, source: 'Unsubscribe link' }, at);
    const propertyName = body.all ? 'hs_email_optout' : `hs_email_optout_${body.subscriptionId}`;
    const delivery = await ctx.webhooks.emit([{ subscriptionType: 'contact.propertyChange', objectId: Number(contact.id), propertyName, propertyValue: 'true', changeSource: 'EMAIL' }]);
    return answer('contacts', contact, delivery);
  });

  app.post<{ Params: { id: string } }>(`${ACTIONS}/contacts/:id/subscribe`, async (request, reply) => {
    const body = parse(Subscribe, request.body ?? {}, reply);
    const contact = body && contactOr404(request.params.id, reply);
    if (!body || !contact) return reply;
    if (!findDefinition(body.subscriptionId)) return reply.code(400).send({ error: `no subscription ${body.subscriptionId}` });
    const at = nowIso(ctx);
    const { subscriptionId, legalBasis, legalBasisExplanation } = body;
    setSubscriptionStatus(state, contact.properties.email!, subscriptionId, { state: 'SUBSCRIBED', timestamp: at, source: 'Self service', legalBasis, legalBasisExplanation }, at);
    const delivery = await ctx.webhooks.emit([{ subscriptionType: 'contact.propertyChange', objectId: Number(contact.id), propertyName: `hs_email_optout_${subscriptionId}`, propertyValue: 'false', changeSource: 'EMAIL' }]);
    return answer('contacts', contact, delivery);
  });

  const logEngagement = <S extends z.ZodType>(type: 'emails' | 'calls' | 'notes', schema: S, properties: (body: z.infer<S>) => Record<string, string>) =>
    app.post<{ Params: { id: string } }>(`${ACTIONS}/contacts/:id/${type === 'emails' ? 'sales-emails' : type}`, async (request, reply) => {
      const body = parse(schema, request.body, reply);
      if (body === undefined) return reply;
      const contact = contactOr404(request.params.id, reply);
      if (!contact) return reply;
      const at = nowIso(ctx);
      const common = { hs_timestamp: at, hubspot_owner_id: contact.properties.hubspot_owner_id ?? null };
      const record = createRecord(state, type, { ...common, ...properties(body) }, at, { type: 'contacts', id: contact.id });
      const delivery = await ctx.webhooks.emit([{ subscriptionType: 'object.creation', objectTypeId: OBJECT_TYPE_IDS[type], objectId: Number(record.id), changeFlag: 'CREATED' }]);
      return reply.code(201).send(answer(type, record, delivery));
    });

  logEngagement('emails', SalesEmail, (b) => ({ hs_email_subject: b.subject, hs_email_text: b.text, hs_email_direction: b.direction, hs_email_status: 'SENT' }));
  logEngagement('calls', Call, (b) => ({
    hs_call_title: b.title,
    hs_call_disposition: b.disposition,
    hs_call_direction: b.direction,
    hs_call_duration: String(b.durationMs),
    hs_call_status: 'COMPLETED',
    hs_call_body: '',
  }));
  logEngagement('notes', Note, (b) => ({ hs_note_body: b.body }));

  app.post<{ Params: { id: string } }>(`${ACTIONS}/deals/:id/stage`, async (request, reply) => {
    const body = parse(DealStage, request.body, reply);
    if (!body) return reply;
    const deal = state.objects.deals.get(request.params.id);
    if (!deal) return reply.code(404).send({ error: `no deal ${request.params.id}` });
    const at = nowIso(ctx);
    const closed = body.stage === 'closedwon' || body.stage === 'closedlost';
    setProperties(state, 'deals', deal, { dealstage: body.stage, hs_is_closed: String(closed), hs_is_closed_won: String(body.stage === 'closedwon'), ...(closed ? { closedate: at } : {}) }, at);
    const delivery = await ctx.webhooks.emit([{ subscriptionType: 'deal.propertyChange', objectId: Number(deal.id), propertyName: 'dealstage', propertyValue: body.stage }]);
    return answer('deals', deal, delivery);
  });
}

function parse<S extends z.ZodType>(schema: S, body: unknown, reply: FastifyReply): z.infer<S> | undefined {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  void reply.code(400).send({ error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
  return undefined;
}
