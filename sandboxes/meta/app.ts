/**
 * Meta Graph API emulator (Marketing API and Lead Ads) over one ad account and one page from the
 * demo world: custom audiences with hashed uploads and sessions, insights, lead forms and leads,
 * cursor paging, `access_token` (query, form or Bearer) with an optional `appsecret_proof`, the
 * rate limits with their usage headers and error codes, and signed leadgen webhooks.
 * Versioned paths: `/v26.0/...` (v24.0 and later are served, older ones refused as Meta does).
 * @see https://developers.facebook.com/docs/graph-api/overview
 * @see https://developers.facebook.com/docs/marketing-api
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { bearerToken, createSandboxApp, type SandboxApp } from '../kit/create-sandbox-app.js';
import type { SandboxControls } from '../kit/controls.js';
import { toDate } from './date-range.js';
import { graphError, GraphRequestError, sendGraphError } from './errors.js';
import { graphParams } from './graph-request.js';
import { InsightsGenerator } from './insights-data.js';
import { defaultRateLimits, MetaRateMeter, type CallProfile, type MetaRateLimitsPatch } from './rate-limits.js';
import { registerAdminRoutes, type TokenState } from './routes/admin.js';
import { registerAudienceRoutes } from './routes/audiences.js';
import type { MetaRouteContext } from './routes/context.js';
import { registerInsightsRoutes } from './routes/insights.js';
import { registerLeadRoutes } from './routes/leads.js';
import { registerNodeRoutes } from './routes/nodes.js';
import { findNode, type MetaState } from './state.js';

export interface MetaSandboxOptions {
  state: MetaState;
  controls?: Partial<SandboxControls>;
  token?: string;
  /** Signs webhooks and checks `appsecret_proof`. */
  appSecret?: string;
  verifyToken?: string;
  webhookTarget?: string;
  /** Changes to the standard-access budgets (tests shrink them to trip throttling cheaply). */
  limits?: MetaRateLimitsPatch;
  /** The sandbox clock in ms (rate windows, new leads, "today" of the date presets). */
  now?: () => number;
}

/** The oldest Graph API version the sandbox serves (v24.0 is supported by Meta until Feb 2028). */
const OLDEST_MAJOR = 24;
const LEAD_EDGES = new Set(['leadgen_forms', 'leads', 'test_leads']);
const AUDIENCE_EDGES = new Set(['customaudiences', 'users', 'usersreplace']);

export function createMetaSandbox(options: MetaSandboxOptions): SandboxApp {
  const token = options.token ?? SANDBOX_CREDENTIALS.meta.token;
  const appSecret = options.appSecret ?? SANDBOX_CREDENTIALS.meta.webhookSecret;
  const now = options.now ?? Date.now;
  const { state } = options;
  const sandbox = createSandboxApp({
    vendor: 'meta',
    controls: options.controls,
    webhookTarget: options.webhookTarget,
    failure: (kind) => ({
      status: 500,
      body: graphError(kind === 'outage' ? 2 : 1, kind === 'outage' ? 'Service temporarily unavailable' : 'An unknown error occurred', {
        type: 'OAuthException',
        is_transient: true,
      }),
    }),
  });
  const { app } = sandbox;
  const meter = new MetaRateMeter(defaultRateLimits({ ads: state.ads.size, audiences: 10, leads: state.leads.size }), now);
  if (options.limits) meter.setLimits(options.limits);
  const tokenState: TokenState = { revoked: false };
  const ctx: MetaRouteContext = {
    sandbox,
    state,
    insights: new InsightsGenerator(state),
    appSecret,
    verifyToken: options.verifyToken ?? SANDBOX_CREDENTIALS.meta.verifyToken,
    now,
    today: () => toDate(now()),
  };

  // Graph takes parameters as form fields as well as in the query string.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof GraphRequestError) return sendGraphError(reply, error);
    const { statusCode, message } = error as { statusCode?: number; message?: string };
    if (statusCode && statusCode < 500) return sendGraphError(reply, new GraphRequestError(100, `(#100) ${message ?? 'Invalid request'}`));
    return reply.code(500).send(graphError(1, 'An unknown error occurred', { is_transient: true }));
  });

  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/__sandbox')) return;
    const params = graphParams(request);
    const presented = params.access_token ?? bearerToken(request);
    if (presented === undefined) {
      return sendGraphError(reply, new GraphRequestError(104, 'An access token is required to request this resource.'));
    }
    if (presented !== token) {
      return sendGraphError(reply, new GraphRequestError(190, 'Invalid OAuth access token - Cannot parse access token'));
    }
    if (tokenState.revoked) {
      return sendGraphError(
        reply,
        new GraphRequestError(
          190,
          'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
          { error_subcode: 460 },
        ),
      );
    }
    if (params.appsecret_proof !== undefined && !proofMatches(params.appsecret_proof, presented, appSecret)) {
      return sendGraphError(reply, new GraphRequestError(100, 'Invalid appsecret_proof provided in the API argument', { type: 'GraphMethodException' }));
    }
    const version = (request.params as { version?: string }).version ?? '';
    const major = /^v(\d+)\.0$/.exec(version)?.[1];
    if (!major) return sendGraphError(reply, new GraphRequestError(2500, `Unknown path components: /${version}`));
    if (Number(major) < OLDEST_MAJOR) {
      return sendGraphError(
        reply,
        new GraphRequestError(2635, `(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: v26.0.`),
      );
    }
    const admission = meter.admit(callProfile(state, request), presented, sandbox.controls.throttling);
    void reply.headers(admission.headers);
    if (admission.error) return sendGraphError(reply, admission.error);
  });

  registerLeadRoutes(app, ctx);
  registerAudienceRoutes(app, ctx);
  registerInsightsRoutes(app, ctx);
  registerNodeRoutes(app, ctx);
  registerAdminRoutes(app, ctx, meter, tokenState);
  return sandbox;
}

/** Which budget a call spends: insights, custom audiences, leadgen (per page) or ads management. */
function callProfile(state: MetaState, request: FastifyRequest): CallProfile {
  const edge = (request.routeOptions.url ?? '').split('/')[3] ?? '';
  const nodeId = (request.params as { node?: string }).node;
  const node = nodeId ? findNode(state, nodeId) : undefined;
  const write = request.method !== 'GET';
  const onAccount = { objectId: state.adAccountId, adAccount: true, write };
  if (edge === 'insights') return { buc: 'ads_insights', ...onAccount };
  if (AUDIENCE_EDGES.has(edge) || (edge === '' && node?.kind === 'audience')) return { buc: 'custom_audience', ...onAccount };
  if (LEAD_EDGES.has(edge) || nodeId === undefined || (edge === '' && (node?.kind === 'lead' || node?.kind === 'form' || node?.kind === 'page'))) {
    return { buc: 'leadgen', objectId: state.pageId, adAccount: false, write };
  }
  return { buc: 'ads_management', ...onAccount };
}

/** `appsecret_proof` = hex(HMAC-SHA256(app secret, access token)), compared in constant time. */
function proofMatches(proof: string, accessToken: string, appSecret: string): boolean {
  const expected = Buffer.from(createHmac('sha256', appSecret).update(accessToken).digest('hex'));
  const given = Buffer.from(proof);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
