/**
 * Klaviyo API emulator (revision 2026-07-15): profiles, lists, segments, metrics and events with
 * JSON:API shapes, `filter` / `sort` / `page[cursor]` with absolute `links.next`; bulk subscribe,
 * unsubscribe and data-privacy deletion jobs (202, applied asynchronously); per-endpoint burst and
 * steady rate limits (429 + `Retry-After`, `RateLimit-*` headers otherwise); signed system webhooks
 * for changes made through `/__sandbox/actions/*`. Requires `Authorization: Klaviyo-API-Key` and
 * the `revision` header.
 * @see https://developers.klaviyo.com/en/reference/api_overview
 */
import type { FastifyError } from 'fastify';
import { z } from 'zod';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { createSandboxApp, type SandboxApp } from '../kit/create-sandbox-app.js';
import type { SandboxControls } from '../kit/controls.js';
import type { KlaviyoRouteContext, Query } from './context.js';
import { invalid, klaviyoErrors, notFound, throttled } from './errors.js';
import type { KlaviyoEventRecord } from './history.js';
import { JobQueue } from './jobs.js';
import { FixedWindowRateLimiter, KLAVIYO_RATE_LIMITS, type RateLimit, type RateLimitBucket } from './rate-limits.js';
import { registerActionRoutes } from './routes-actions.js';
import { registerEventRoutes } from './routes-events.js';
import { registerGroupRoutes } from './routes-groups.js';
import { registerJobRoutes } from './routes-jobs.js';
import { registerProfileRoutes } from './routes-profiles.js';
import type { KlaviyoState } from './state.js';
import { klaviyoDelivery } from './webhooks.js';

const JSON_API = 'application/vnd.api+json';
const REVISION = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;

export interface KlaviyoSandboxOptions {
  state: KlaviyoState;
  controls?: Partial<SandboxControls>;
  apiKey?: string;
  /** The system webhook's `secret_key`. */
  webhookSecret?: string;
  /** Where system webhooks go (the hub's `/webhooks/klaviyo`); unset records them only. */
  webhookTarget?: string;
  /** Per-bucket limits replacing Klaviyo's (tests shrink them to trip throttling cheaply). */
  rateLimits?: Partial<Record<RateLimitBucket, RateLimit>>;
  /** How long an accepted bulk job waits before it takes effect. @default 100 */
  jobDelayMs?: number;
}

type RouteConfig = { bucket?: RateLimitBucket; dynamicBucket?: (query: Query) => RateLimitBucket | undefined };

export function createKlaviyoSandbox(options: KlaviyoSandboxOptions): SandboxApp {
  let apiKey = options.apiKey ?? SANDBOX_CREDENTIALS.klaviyo.token;
  const secret = options.webhookSecret ?? SANDBOX_CREDENTIALS.klaviyo.webhookSecret;
  const sandbox = createSandboxApp({
    vendor: 'klaviyo',
    controls: options.controls,
    webhookTarget: options.webhookTarget,
    failure: (kind) => ({
      status: kind === 'outage' ? 503 : 500,
      body: klaviyoErrors(kind === 'outage' ? 503 : 500, 'error', 'A server error occurred.', 'A server error occurred.'),
    }),
  });
  const { app } = sandbox;
  const { state } = options;
  const limiter = new FixedWindowRateLimiter({ ...KLAVIYO_RATE_LIMITS, ...options.rateLimits }, state.clock);
  const jobs = new JobQueue(options.jobDelayMs ?? 100);
  app.addHook('onClose', async () => jobs.close());
  let base = '';

  app.addContentTypeParser(JSON_API, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, body === '' ? {} : JSON.parse(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/__sandbox')) return;
    base ||= `${request.protocol}://${request.host}`;
    reply.header('content-type', JSON_API);
    if (request.headers.authorization !== `Klaviyo-API-Key ${apiKey}`) {
      return reply
        .code(401)
        .send(klaviyoErrors(401, 'not_authenticated', 'Authentication credentials were not provided.', 'Missing or invalid private key.'));
    }
    const revision = request.headers.revision;
    if (typeof revision !== 'string' || !REVISION.test(revision)) {
      return reply.code(400).send(invalid(revision ? `Invalid revision '${revision}'.` : 'The revision header is required.', { parameter: 'revision' }));
    }
    if (!sandbox.controls.throttling) return;
    const config = request.routeOptions.config as RouteConfig;
    const name = config.dynamicBucket?.(request.query as Query) ?? config.bucket;
    if (!name) return;
    const decision = limiter.take(name);
    if (!decision.ok) {
      // A 429 carries Retry-After and none of the RateLimit-* headers.
      return reply.code(429).header('retry-after', String(decision.retryAfterSeconds)).send(throttled(decision.retryAfterSeconds));
    }
    reply.header('ratelimit-limit', String(decision.limit));
    reply.header('ratelimit-remaining', String(decision.remaining));
    reply.header('ratelimit-reset', String(decision.resetSeconds));
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).type(JSON_API).send(notFound(`The path ${request.url.split('?')[0]} was not found.`));
  });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const body =
      status === 415
        ? klaviyoErrors(415, 'unsupported_media_type', 'Unsupported media type.', error.message)
        : status < 500
          ? invalid(error.message)
          : klaviyoErrors(500, 'error', 'A server error occurred.', 'A server error occurred.');
    void reply.code(status).type(JSON_API).send(body);
  });

  // Demo and test steering: revoke or rotate the private key, scale the rate limits.
  app.put('/__sandbox/credentials', async (request, reply) => {
    const parsed = z.object({ apiKey: z.string().min(1) }).safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: 'apiKey: a non-empty string is required' });
    apiKey = parsed.data.apiKey;
    return { ok: true };
  });
  app.get('/__sandbox/rate-limits', async () => limiter.current());
  app.put('/__sandbox/rate-limits', async (request, reply) => {
    const limit = z.object({ burst: z.number().int().positive(), steady: z.number().int().positive() });
    const parsed = z.partialRecord(z.enum(Object.keys(KLAVIYO_RATE_LIMITS) as [RateLimitBucket, ...RateLimitBucket[]]), limit).safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    limiter.setLimits(parsed.data as Partial<Record<RateLimitBucket, RateLimit>>);
    return limiter.current();
  });

  const ctx: KlaviyoRouteContext = {
    app,
    state,
    jobs,
    notify: async (events: readonly KlaviyoEventRecord[]) => {
      const delivery = klaviyoDelivery(state, events, secret, base || 'https://a.klaviyo.com');
      return delivery ? sandbox.webhooks.send(delivery.topic, delivery.headers, delivery.body) : undefined;
    },
  };
  registerProfileRoutes(ctx);
  registerEventRoutes(ctx);
  registerGroupRoutes(ctx);
  registerJobRoutes(ctx);
  registerActionRoutes(ctx);
  return sandbox;
}
