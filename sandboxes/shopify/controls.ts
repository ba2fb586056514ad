/**
 * Shopify-specific sandbox controls, beside the kit's latency/error/outage/throttling switches:
 *   GET/PUT /__sandbox/bucket        the cost bucket (size, restore rate, points left)
 *   PUT     /__sandbox/access-token  the token the store accepts (rotate it to see the app refused)
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ADMIN_PREFIX } from '../kit/create-sandbox-app.js';
import type { CostBucket } from './cost-bucket.js';

const BucketSettings = z
  .object({
    maximumAvailable: z.number().positive().max(1_000_000),
    restoreRate: z.number().positive().max(100_000),
    currentlyAvailable: z.number().min(0),
  })
  .partial()
  .strict();

export function registerShopifyControls(app: FastifyInstance, bucket: CostBucket, setToken: (token: string) => void): void {
  app.get(`${ADMIN_PREFIX}/bucket`, async () => bucket.status());
  app.put(`${ADMIN_PREFIX}/bucket`, async (request, reply) => {
    const parsed = BucketSettings.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.issues });
    bucket.configure(parsed.data);
    return bucket.status();
  });
  app.put(`${ADMIN_PREFIX}/access-token`, async (request, reply) => {
    const parsed = z.object({ token: z.string().min(1) }).strict().safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.issues });
    setToken(parsed.data.token);
    return { ok: true };
  });
}
