/**
 * HubSpot API emulator: CRM objects (contacts, deals, emails, calls, notes) under `/crm/v3/objects`
 * and the date-based `/crm/objects/2026-09`, associations v4, communication preferences v3/v4,
 * GDPR delete, owners and account details. Bearer auth, HubSpot's rate limits with their headers
 * and 429 bodies, and signed v3 webhooks for changes made through the API or the admin actions.
 * Shapes follow HubSpot's public OpenAPI specs (HubSpot/HubSpot-public-api-spec-collection).
 * @see https://developers.hubspot.com/docs/api-reference/overview
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { ADMIN_PREFIX, bearerToken, createSandboxApp, type SandboxApp } from '../kit/create-sandbox-app.js';
import type { SandboxControls } from '../kit/controls.js';
import { hubSpotError } from './errors.js';
import { DEFAULT_RATE_LIMITS, HubSpotRateLimiter, rateLimitBody, type HubSpotRateLimits } from './rate-limits.js';
import { registerAccountRoutes } from './routes/account.js';
import { registerActionRoutes } from './routes/actions.js';
import { registerAssociationRoutes } from './routes/associations.js';
import { registerCommunicationPreferenceRoutes } from './routes/communication-preferences.js';
import type { RouteContext } from './routes/context.js';
import { registerCrmObjectRoutes } from './routes/crm-objects.js';
import type { HubSpotState } from './state.js';
import { HubSpotWebhookEmitter } from './webhooks.js';

export interface HubSpotSandboxOptions {
  state: HubSpotState;
  controls?: Partial<SandboxControls>;
  /** The private-app token the sandbox accepts. */
  token?: string;
  /** Where webhooks go (the hub's `/webhooks/hubspot`); unset records them only. */
  webhookTarget?: string | undefined;
  /** The app's client secret that signs webhooks. */
  webhookSecret?: string;
  rateLimits?: Partial<HubSpotRateLimits>;
  /** Results one search can page through (10,000 at HubSpot). */
  searchResultCap?: number;
  clock?: () => number;
}

export interface HubSpotSandbox extends SandboxApp {
  state: HubSpotState;
  rateLimiter: HubSpotRateLimiter;
  emitter: HubSpotWebhookEmitter;
}

const RateLimitsUpdate = z.object({
  intervalMs: z.number().int().positive(),
  perInterval: z.number().int().min(0),
  daily: z.number().int().min(0),
  searchPerSecond: z.number().int().min(0),
}).partial();

export function createHubSpotSandbox(options: HubSpotSandboxOptions): HubSpotSandbox {
  const clock = options.clock ?? Date.now;
  let token = options.token ?? SANDBOX_CREDENTIALS.hubspot.token;
  let revoked = false;
  const kit = createSandboxApp({
    vendor: 'hubspot',
    controls: options.controls,
    webhookTarget: options.webhookTarget,
    failure: (kind) => ({
      status: kind === 'outage' ? 503 : 502,
      body: hubSpotError('SERVICE_UNAVAILABLE', 'The service is temporarily unavailable.'),
    }),
  });
  const { app } = kit;
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  let rateLimiter = new HubSpotRateLimiter(limits, clock);
  const emitter = new HubSpotWebhookEmitter(kit, {
    secret: options.webhookSecret ?? SANDBOX_CREDENTIALS.hubspot.webhookSecret,
    portalId: options.state.portalId,
    appId: 54321,
    clock,
  });
  const rateHeaders = new WeakMap<FastifyRequest, Record<string, string>>();
  const isAdmin = (request: FastifyRequest) => request.url.startsWith(ADMIN_PREFIX);

  app.addHook('preHandler', async (request, reply) => {
    if (isAdmin(request)) return;
    const presented = bearerToken(request);
    if (presented === undefined) {
      return reply.code(401).send(hubSpotError('INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.'));
    }
    if (presented !== token || revoked) {
      return reply.code(401).send(hubSpotError('INVALID_AUTHENTICATION', 'The access token provided is invalid or has been revoked.'));
    }
    const kind = request.routeOptions.url?.endsWith('/search') ? 'search' : 'api';
    const admission = rateLimiter.admit(kind, kit.controls.throttling);
    rateHeaders.set(request, admission.headers);
    if (admission.refused) return reply.code(429).send(rateLimitBody(admission.refused));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const headers = rateHeaders.get(request);
    if (headers) void reply.headers(headers);
    return payload;
  });

  const ctx: RouteContext = { app, state: options.state, webhooks: emitter, clock, searchResultCap: options.searchResultCap ?? 10_000 };
  registerCrmObjectRoutes(ctx, '/crm/v3/objects');
  registerCrmObjectRoutes(ctx, '/crm/objects/2026-09');
  registerAssociationRoutes(ctx, {
    list: '/crm/v4/objects/:objectType/:objectId/associations/:toObjectType',
    batch: '/crm/v4/associations/:fromObjectType/:toObjectType/batch/read',
  });
  registerAssociationRoutes(ctx, {
    list: '/crm/objects/2026-09/:objectType/:objectId/associations/:toObjectType',
    batch: '/crm/associations/2026-09/:fromObjectType/:toObjectType/batch/read',
  });
  registerCommunicationPreferenceRoutes(ctx);
  registerAccountRoutes(ctx);
  registerActionRoutes(ctx);

  app.get(`${ADMIN_PREFIX}/rate-limits`, async () => ({ limits: rateLimiter.limits, usage: rateLimiter.headers() }));
  // Changing limits starts a fresh count, as a new app install would.
  app.put(`${ADMIN_PREFIX}/rate-limits`, async (request, reply) => {
    const parsed = RateLimitsUpdate.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.issues });
    rateLimiter = new HubSpotRateLimiter({ ...rateLimiter.limits, ...parsed.data }, clock);
    sandbox.rateLimiter = rateLimiter;
    return { limits: rateLimiter.limits };
  });
  app.put<{ Body: { revoked?: boolean; token?: string } }>(`${ADMIN_PREFIX}/token`, async (request) => {
    if (typeof request.body?.revoked === 'boolean') revoked = request.body.revoked;
    if (typeof request.body?.token === 'string' && request.body.token) token = request.body.token;
    return { revoked };
  });

  const sandbox: HubSpotSandbox = Object.assign(kit, { state: options.state, rateLimiter, emitter });
  return sandbox;
}
