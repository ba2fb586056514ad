/**
 * The Meta sandbox's own admin routes (under `/__sandbox/`, never counted as vendor calls): make a
 * person submit a lead (which sends the signed webhook), run the subscription handshake against the
 * webhook target, revoke the access token, inspect audiences' members, flag an audience, and steer
 * the rate limits.
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ADMIN_PREFIX } from '../../kit/create-sandbox-app.js';
import { GraphRequestError } from '../errors.js';
import { MetaRateLimitsPatchSchema, type MetaRateMeter } from '../rate-limits.js';
import type { MetaRouteContext } from './context.js';
import { presentLead, submitLead } from './leads.js';

const SubmitLeadSchema = z.object({
  formId: z.string().optional(),
  email: z.string().min(3),
  fullName: z.string().min(1).default('Sandbox Lead'),
  phone: z.string().optional(),
});

export interface TokenState {
  revoked: boolean;
}

export function registerAdminRoutes(app: FastifyInstance, ctx: MetaRouteContext, meter: MetaRateMeter, token: TokenState): void {
  const { state } = ctx;

  app.post(`${ADMIN_PREFIX}/actions/submit-lead`, async (request, reply) => {
    const parsed = SubmitLeadSchema.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.issues });
    try {
      const lead = await submitLead(ctx, parsed.data);
      const delivery = ctx.sandbox.webhooks.deliveries().at(-1);
      return reply.code(201).send({ lead: presentLead(state, lead), delivery });
    } catch (error) {
      if (error instanceof GraphRequestError) return reply.code(400).send({ error: error.message });
      throw error;
    }
  });

  // Meta verifies a callback URL with a GET before it sends anything to it.
  app.post<{ Body: { verifyToken?: string } | undefined }>(`${ADMIN_PREFIX}/actions/verify-subscription`, async (request, reply) => {
    const target = ctx.sandbox.webhooks.target;
    if (!target) return reply.code(409).send({ error: 'no webhook target set (PUT /__sandbox/webhooks/target)' });
    const challenge = String(randomInt(1, 2 ** 31));
    const url = new URL(target);
    url.searchParams.set('hub.mode', 'subscribe');
    url.searchParams.set('hub.challenge', challenge);
    url.searchParams.set('hub.verify_token', request.body?.verifyToken ?? ctx.verifyToken);
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const body = await response.text();
    return { status: response.status, body, verified: response.status === 200 && body === challenge };
  });

  app.post(`${ADMIN_PREFIX}/actions/revoke-token`, async () => {
    token.revoked = true;
    return { revoked: true };
  });
  app.post(`${ADMIN_PREFIX}/actions/restore-token`, async () => {
    token.revoked = false;
    return { revoked: false };
  });

  app.get(`${ADMIN_PREFIX}/meta/audiences`, async () => ({
    audiences: state.audiences.list(state.adAccountId).map((a) => ({ id: a.id, name: a.name, members: a.members.size })),
  }));
  app.get<{ Params: { id: string } }>(`${ADMIN_PREFIX}/meta/audiences/:id/members`, async (request, reply) => {
    const audience = state.audiences.get(request.params.id);
    if (!audience) return reply.code(404).send({ error: `no audience ${request.params.id}` });
    const members = state.audiences.members(audience);
    return { id: audience.id, count: members.length, members };
  });
  app.put<{ Params: { id: string }; Body: { code?: number } }>(`${ADMIN_PREFIX}/meta/audiences/:id/operation-status`, async (request, reply) => {
    const audience = state.audiences.get(request.params.id);
    if (!audience) return reply.code(404).send({ error: `no audience ${request.params.id}` });
    const code = request.body?.code;
    if (code !== 200 && code !== 471) return reply.code(400).send({ error: 'code must be 200 (normal) or 471 (flagged)' });
    audience.operationStatus = code === 471 ? { code, description: 'Audience flagged for integrity restrictions' } : { code, description: 'Normal' };
    return audience.operationStatus;
  });

  app.get(`${ADMIN_PREFIX}/meta/limits`, async () => meter.getLimits());
  app.put(`${ADMIN_PREFIX}/meta/limits`, async (request, reply) => {
    const parsed = MetaRateLimitsPatchSchema.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.issues });
    return meter.setLimits(parsed.data);
  });
  app.delete(`${ADMIN_PREFIX}/meta/usage`, async () => {
    meter.reset();
    return { reset: true };
  });
}
