/**
 * The operator's view of ingest failures: `GET /admin/dead-letters` lists deliveries that could
 * not be applied, each with the reason kept, and `POST /admin/dead-letters/:id/retry` queues one
 * for a fresh round of tries (after the vendor or the store is back).
 *
 * Guarded by `INGEST_ADMIN_TOKEN` (`Authorization: Bearer …`) when set; without one they answer
 * loopback callers only, and only in embedded mode. The payloads stay out of the answer: they are
 * raw vendor bodies with personal data.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { encodedEqual } from '../connectors/http/constant-time.js';
import type { JobQueue } from '../platform/queue/job-queue.js';
import type { WebhookJob } from './webhooks/webhook-job.js';

export interface AdminRouteOptions {
  queue: JobQueue<WebhookJob>;
  adminToken: string | undefined;
  mode: 'embedded' | 'production';
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function refusal(request: FastifyRequest, options: AdminRouteOptions): { status: number; error: string } | undefined {
  if (options.adminToken) {
    const header = request.headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    return encodedEqual(options.adminToken, presented, 'utf8') ? undefined : { status: 401, error: 'admin token required' };
  }
  if (options.mode !== 'embedded') return { status: 403, error: 'set INGEST_ADMIN_TOKEN to use the admin routes' };
  return LOOPBACK.has(request.ip) ? undefined : { status: 403, error: 'admin routes answer loopback callers only' };
}

export function registerAdminRoutes(app: FastifyInstance, options: AdminRouteOptions): void {
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const refused = refusal(request, options);
    if (refused) return reply.code(refused.status).send({ error: refused.error });
  };

  app.get<{ Querystring: { limit?: string } }>('/admin/dead-letters', { preHandler: guard }, async (request) => {
    const limit = Math.min(Math.max(Number(request.query.limit ?? 100) || 100, 1), 1000);
    const dead = await options.queue.deadLetters(limit);
    return {
      deadLetters: dead.map((d) => ({
        id: d.id,
        vendor: d.data.vendor,
        reason: d.reason,
        attempts: d.attempts,
        failedAt: d.failedAt,
        receivedAt: d.data.receivedAt,
      })),
    };
  });

  app.post<{ Params: { id: string } }>('/admin/dead-letters/:id/retry', { preHandler: guard }, async (request, reply) => {
    const retried = await options.queue.retryDeadLetter(request.params.id);
    if (!retried) return reply.code(404).send({ error: `no dead letter ${request.params.id}` });
    return reply.code(202).send({ retried: true });
  });
}
