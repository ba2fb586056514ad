/**
 * Communication preferences: v3 (definitions, status by email, subscribe, unsubscribe) and the
 * v4 statuses API (also served under the date-based `2026-09` prefix): per-address statuses,
 * batch read, set, and unsubscribe-from-all. The portal has GDPR on, so subscribing needs a
 * legal basis; v3 refuses to resubscribe an address that opted out (v4 can).
 * @see https://developers.hubspot.com/docs/api-reference/legacy/communication-preferences/v3/guide
 * @see https://developers.hubspot.com/docs/api-reference/communication-preferences-subscriptions-v4/guide
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { normalizeEmailAddress } from '../email.js';
import { hubSpotError, validationError } from '../errors.js';
import { optOutOfAll, setSubscriptionStatus } from '../mutations.js';
import { findDefinition, LEGAL_BASES, SUBSCRIPTION_DEFINITIONS, type SubscriptionDefinition } from '../subscription-store.js';
import { nowIso, type RouteContext } from './context.js';

const V3UpdateSchema = z.object({
  emailAddress: z.string(),
  subscriptionId: z.union([z.string(), z.number()]).transform(String),
  legalBasis: z.enum(LEGAL_BASES).optional(),
  legalBasisExplanation: z.string().optional(),
});

const V4UpdateSchema = z.object({
  channel: z.literal('EMAIL'),
  statusState: z.enum(['SUBSCRIBED', 'UNSUBSCRIBED', 'NOT_SPECIFIED']),
  subscriptionId: z.union([z.string(), z.number()]).transform(String),
  legalBasis: z.enum(LEGAL_BASES).optional(),
  legalBasisExplanation: z.string().optional(),
});

const BatchReadSchema = z.object({ inputs: z.array(z.string()).min(1).max(100, 'Batch size must be at most 100') });

export function registerCommunicationPreferenceRoutes(ctx: RouteContext): void {
  const { app, state } = ctx;
  const v3 = '/communication-preferences/v3';

  const v3Status = (email: string, d: SubscriptionDefinition) => {
    const wide = state.subscriptions.optedOutOfAll(email);
    const status = state.subscriptions.get(email, d.id);
    return {
      id: d.id,
      name: d.name,
      description: d.description,
      status: !wide && status?.state === 'SUBSCRIBED' ? 'SUBSCRIBED' : 'NOT_SUBSCRIBED',
      sourceOfStatus: wide ? 'PORTAL_WIDE_STATUS' : 'SUBSCRIPTION_STATUS',
      ...(status?.legalBasis && !wide ? { legalBasis: status.legalBasis, legalBasisExplanation: status.legalBasisExplanation ?? '' } : {}),
    };
  };

  app.get(`${v3}/definitions`, async () => ({ subscriptionDefinitions: SUBSCRIPTION_DEFINITIONS }));

  app.get<{ Params: { emailAddress: string } }>(`${v3}/status/email/:emailAddress`, async (request, reply) => {
    const email = emailOr400(request.params.emailAddress, reply);
    if (!email) return reply;
    return { recipient: email, subscriptionStatuses: SUBSCRIPTION_DEFINITIONS.filter((d) => d.isActive).map((d) => v3Status(email, d)) };
  });

  for (const action of ['subscribe', 'unsubscribe'] as const) {
    app.post(`${v3}/${action}`, async (request, reply) => {
      const parsed = V3UpdateSchema.safeParse(request.body ?? {});
      if (!parsed.success) return validationError(reply, 'Invalid input JSON: emailAddress and subscriptionId are required');
      const body = parsed.data;
      const email = emailOr400(body.emailAddress, reply);
      if (!email) return reply;
      const definition = findDefinition(body.subscriptionId);
      if (!definition) return validationError(reply, `Subscription ${body.subscriptionId} does not exist`);
      const current = state.subscriptions.get(email, definition.id);
      const optedOut = state.subscriptions.optedOutOfAll(email) !== undefined || current?.state === 'UNSUBSCRIBED';
      if (action === 'subscribe') {
        if (optedOut) return validationError(reply, `${email} has opted out of ${definition.name} and cannot be resubscribed through this API`);
        if (current?.state === 'SUBSCRIBED') return validationError(reply, `${email} is already subscribed to subscription ${definition.id}`);
        if (!body.legalBasis) return validationError(reply, 'legalBasis is required because GDPR is enabled in this account');
      } else if (optedOut) {
        return validationError(reply, `${email} is already unsubscribed from subscription ${definition.id}`);
      }
      const next = action === 'subscribe' ? 'SUBSCRIBED' : 'UNSUBSCRIBED';
      applyStatus(ctx, email, definition.id, { state: next, legalBasis: body.legalBasis, legalBasisExplanation: body.legalBasisExplanation });
      return v3Status(email, definition);
    });
  }

  for (const base of ['/communication-preferences/v4', '/communication-preferences/2026-09']) {
    const envelope = (results: unknown[]) => ({ status: 'COMPLETE', results, startedAt: nowIso(ctx), completedAt: nowIso(ctx) });
    const v4Status = (email: string, d: SubscriptionDefinition) => {
      const status = state.subscriptions.get(email, d.id);
      return {
        subscriberIdString: email,
        subscriptionId: Number(d.id),
        subscriptionName: d.name,
        channel: 'EMAIL',
        status: status?.state ?? 'NOT_SPECIFIED',
        source: status?.source ?? 'Default',
        timestamp: status?.timestamp ?? d.createdAt,
        ...(status?.legalBasis ? { legalBasis: status.legalBasis, legalBasisExplanation: status.legalBasisExplanation ?? '' } : {}),
        businessUnitId: 0,
      };
    };
    const wideStatus = (email: string) => {
      const wide = state.subscriptions.optedOutOfAll(email);
      return { subscriberIdString: email, channel: 'EMAIL', wideStatusType: 'PORTAL_WIDE', status: wide ? 'UNSUBSCRIBED' : 'SUBSCRIBED', timestamp: wide?.timestamp ?? nowIso(ctx), businessUnitId: 0 };
    };

    app.get<{ Params: { subscriberIdString: string }; Querystring: { channel?: string } }>(`${base}/statuses/:subscriberIdString`, async (request, reply) => {
      if (request.query.channel !== 'EMAIL') return validationError(reply, 'channel is required and must be EMAIL');
      const email = emailOr400(request.params.subscriberIdString, reply);
      if (!email) return reply;
      return envelope(SUBSCRIPTION_DEFINITIONS.map((d) => v4Status(email, d)));
    });

    app.post<{ Querystring: { channel?: string } }>(`${base}/statuses/batch/read`, async (request, reply) => {
      if (request.query.channel !== 'EMAIL') return validationError(reply, 'channel is required and must be EMAIL');
      const parsed = BatchReadSchema.safeParse(request.body ?? {});
      if (!parsed.success) return validationError(reply, parsed.error.issues[0]!.message);
      const results: unknown[] = [];
      const invalidInputs: string[] = [];
      for (const input of parsed.data.inputs) {
        const email = normalizeEmailAddress(input);
        if (email) results.push({ subscriberIdString: email, statuses: SUBSCRIPTION_DEFINITIONS.map((d) => v4Status(email, d)) });
        else invalidInputs.push(input);
      }
      if (invalidInputs.length === 0) return envelope(results);
      const error = { status: 'error', category: 'VALIDATION_ERROR', message: 'Invalid email address', context: { subscriberIdString: invalidInputs }, links: {}, errors: [] };
      return reply.code(207).send({ ...envelope(results), numErrors: 1, errors: [error] });
    });

    app.post<{ Params: { subscriberIdString: string } }>(`${base}/statuses/:subscriberIdString`, async (request, reply) => {
      const email = emailOr400(request.params.subscriberIdString, reply);
      if (!email) return reply;
      const parsed = V4UpdateSchema.safeParse(request.body ?? {});
      if (!parsed.success) return validationError(reply, `Invalid input JSON: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}`);
      const body = parsed.data;
      const definition = findDefinition(body.subscriptionId);
      if (!definition) return validationError(reply, `Subscription ${body.subscriptionId} does not exist`);
      if (body.statusState === 'SUBSCRIBED' && !body.legalBasis) return validationError(reply, 'legalBasis is required because GDPR is enabled in this account');
      const before = state.subscriptions.get(email, definition.id)?.state ?? 'NOT_SPECIFIED';
      const wasOptedOut = state.subscriptions.optedOutOfAll(email) !== undefined;
      let reason = 'REQUESTED_CHANGE_OCCURRED';
      if (before === body.statusState && !(wasOptedOut && body.statusState === 'SUBSCRIBED')) reason = 'NO_STATUS_CHANGE';
      else if (body.statusState === 'SUBSCRIBED' && (before === 'UNSUBSCRIBED' || wasOptedOut)) reason = 'RESUBSCRIBE_OCCURRED';
      if (reason !== 'NO_STATUS_CHANGE') {
        applyStatus(ctx, email, definition.id, { state: body.statusState, legalBasis: body.legalBasis, legalBasisExplanation: body.legalBasisExplanation });
      }
      return envelope([{ ...v4Status(email, definition), setStatusSuccessReason: reason }]);
    });

    app.get<{ Params: { subscriberIdString: string } }>(`${base}/statuses/:subscriberIdString/unsubscribe-all`, async (request, reply) => {
      const email = emailOr400(request.params.subscriberIdString, reply);
      if (!email) return reply;
      return envelope([wideStatus(email)]);
    });

    app.post<{ Params: { subscriberIdString: string } }>(`${base}/statuses/:subscriberIdString/unsubscribe-all`, async (request, reply) => {
      const email = emailOr400(request.params.subscriberIdString, reply);
      if (!email) return reply;
      if (!state.subscriptions.optedOutOfAll(email)) {
        optOutOfAll(state, email, nowIso(ctx), 'Public status API');
        notifyOptOut(ctx, email, 'hs_email_optout', 'true');
      }
      return envelope(SUBSCRIPTION_DEFINITIONS.map((d) => ({ ...v4Status(email, d), setStatusSuccessReason: 'UNSUBSCRIBE_FROM_ALL_OCCURRED' })));
    });
  }
}

/** Sets a status through the API and sends the contact's opt-out property change, as HubSpot does. */
function applyStatus(
  ctx: RouteContext,
  email: string,
  subscriptionId: string,
  change: { state: 'SUBSCRIBED' | 'UNSUBSCRIBED' | 'NOT_SPECIFIED'; legalBasis?: (typeof LEGAL_BASES)[number] | undefined; legalBasisExplanation?: string | undefined },
): void {
  const at = nowIso(ctx);
  const status =
    change.state === 'NOT_SPECIFIED'
      ? undefined
      : { state: change.state, timestamp: at, source: 'Public status API', legalBasis: change.legalBasis, legalBasisExplanation: change.legalBasisExplanation };
  setSubscriptionStatus(ctx.state, email, subscriptionId, status, at);
  notifyOptOut(ctx, email, `hs_email_optout_${subscriptionId}`, change.state === 'NOT_SPECIFIED' ? '' : String(change.state === 'UNSUBSCRIBED'));
}

export function notifyOptOut(ctx: RouteContext, email: string, propertyName: string, propertyValue: string): void {
  const contactId = ctx.state.contactIdByEmail.get(email);
  if (contactId === undefined) return;
  void ctx.webhooks.emit([{ subscriptionType: 'contact.propertyChange', objectId: Number(contactId), propertyName, propertyValue, changeSource: 'API' }]);
}

function emailOr400(raw: string, reply: FastifyReply): string | undefined {
  const email = normalizeEmailAddress(raw);
  if (!email) void reply.code(400).send(hubSpotError('VALIDATION_ERROR', `Invalid email address: ${raw}`));
  return email;
}

