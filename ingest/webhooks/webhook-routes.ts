/**
 * `POST /webhooks/{vendor}`: keeps the exact bytes the vendor signed, verifies them through the
 * vendor's connector, and enqueues the delivery durably before answering. A vendor retries
 * anything but a 2xx, so a 2xx is sent only once the queue holds the delivery (202), and a queue
 * that cannot be reached answers 503 to have the vendor try again. `GET /webhooks/meta` answers
 * Meta's `hub.challenge` subscription handshake.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebhookRequest } from '../../connectors/unified/contracts.js';
import type { Logger } from '../../platform/logger.js';
import type { JobQueue } from '../../platform/queue/job-queue.js';
import { handlerOf, type WebhookHandlers } from './webhook-handlers.js';
import { toWebhookJob, webhookJobId, type WebhookJob, type WebhookVendor } from './webhook-job.js';

export interface WebhookRouteOptions {
  handlers: WebhookHandlers;
  queue: JobQueue<WebhookJob>;
  maxBodyBytes: number;
  /** The origin vendors call when ingest sits behind a proxy; otherwise the request's own. */
  publicUrl: string | undefined;
  logger: Logger;
}

type VendorParams = { Params: { vendor: string } };

function flatHeaders(request: FastifyRequest): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function flatQuery(request: FastifyRequest): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    query[name] = Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
  }
  return query;
}

function toRequest(request: FastifyRequest, publicUrl: string | undefined): WebhookRequest {
  const origin = publicUrl ? new URL(publicUrl).origin : `${request.protocol}://${request.host}`;
  return {
    method: request.method,
    url: `${origin}${request.url}`,
    headers: flatHeaders(request),
    rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    query: flatQuery(request),
  };
}

export async function registerWebhookRoutes(app: FastifyInstance, options: WebhookRouteOptions): Promise<void> {
  const { handlers, queue, logger } = options;

  await app.register(async (scope) => {
    // Any content type arrives as the raw bytes: the signature covers them exactly as sent.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.maxBodyBytes }, (_request, body, done) => done(null, body));

    scope.post<VendorParams>('/webhooks/:vendor', { bodyLimit: options.maxBodyBytes }, async (request, reply) => {
      const vendor = request.params.vendor;
      const handler = handlerOf(handlers, vendor);
      if (!handler) return reply.code(404).send({ error: `no webhooks for vendor "${vendor}"` });
      const webhook = toRequest(request, options.publicUrl);
      const verification = handler.verify(webhook);
      if (!verification.ok) {
        logger.warn({ vendor, reason: verification.reason }, 'webhook refused');
        return reply.code(401).send({ error: 'webhook refused', reason: verification.reason });
      }
      const id = webhookJobId(vendor as WebhookVendor, handler.deliveryKey(webhook));
      try {
        const queued = await queue.add(id, toWebhookJob(vendor as WebhookVendor, webhook, new Date().toISOString()));
        logger.debug({ vendor, id, queued }, 'webhook accepted');
        return reply.code(202).send({ queued });
      } catch (error) {
        logger.error({ vendor, err: error }, 'webhook could not be queued; the vendor will retry');
        return reply.code(503).send({ error: 'queue unavailable, retry later' });
      }
    });

    scope.get<VendorParams>('/webhooks/:vendor', async (request, reply) => {
      const handler = handlerOf(handlers, request.params.vendor);
      if (!handler?.handshake) return reply.code(404).send({ error: `no webhook handshake for vendor "${request.params.vendor}"` });
      const answer = handler.handshake(toRequest(request, options.publicUrl));
      return reply.code(answer.status).type('text/plain').send(answer.body);
    });
  });
}
