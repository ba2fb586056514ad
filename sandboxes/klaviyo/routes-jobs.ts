/**
 * The asynchronous jobs: bulk subscribe, bulk unsubscribe and data-privacy deletion. Each answers
 * 202 Accepted with an empty body; the change (and its webhooks) happens when the job runs.
 * @see https://developers.klaviyo.com/en/reference/bulk_subscribe_profiles
 * @see https://developers.klaviyo.com/en/reference/bulk_unsubscribe_profiles
 * @see https://developers.klaviyo.com/en/reference/request_profile_deletion
 */
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { applyDeletion, applySubscribe, applyUnsubscribe } from './consent-operations.js';
import { bucket, type KlaviyoRouteContext } from './context.js';
import { invalid, notFound } from './errors.js';
import { DeletionJobSchema, firstIssue, SubscribeJobSchema, UnsubscribeJobSchema } from './job-bodies.js';

export function registerJobRoutes({ app, state, jobs, notify }: KlaviyoRouteContext) {
  const parse = <S extends z.ZodType>(schema: S, body: unknown, reply: FastifyReply): z.infer<S> | undefined => {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const { pointer, detail } = firstIssue(parsed.error);
    void reply.code(400).send(invalid(detail, { pointer }));
    return undefined;
  };
  const unknownList = (id: string | undefined) => id !== undefined && !Object.values(state.catalog.lists).some((l) => l.id === id);

  app.post('/api/profile-subscription-bulk-create-jobs', bucket('subscriptions'), async (request, reply) => {
    const job = parse(SubscribeJobSchema, request.body, reply);
    if (!job) return reply;
    const listId = job.data.relationships?.list.data.id;
    if (unknownList(listId)) return reply.code(404).send(notFound(`A list with id ${listId} does not exist.`));
    jobs.enqueue('subscribe', async () => notify(applySubscribe(state, job)));
    return reply.code(202).send();
  });

  app.post('/api/profile-subscription-bulk-delete-jobs', bucket('subscriptions'), async (request, reply) => {
    const job = parse(UnsubscribeJobSchema, request.body, reply);
    if (!job) return reply;
    const listId = job.data.relationships?.list.data.id;
    if (unknownList(listId)) return reply.code(404).send(notFound(`A list with id ${listId} does not exist.`));
    jobs.enqueue('unsubscribe', async () => notify(applyUnsubscribe(state, job)));
    return reply.code(202).send();
  });

  app.post('/api/data-privacy-deletion-jobs', bucket('data-privacy'), async (request, reply) => {
    const job = parse(DeletionJobSchema, request.body, reply);
    if (!job) return reply;
    jobs.enqueue('deletion', async () => ({ deleted: applyDeletion(state, job) }));
    return reply.code(202).send();
  });
}
