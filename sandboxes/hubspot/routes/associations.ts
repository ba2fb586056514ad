/**
 * Associations v4: one record's associations (paged, at most 500 per page) and the batch read
 * DataLoaders use. A record without associations is reported in `errors` (207), as HubSpot does.
 * Registered under `/crm/v4` and the date-based `2026-09` paths.
 * @see https://developers.hubspot.com/docs/api-reference/crm-associations-v4/guide
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { hubSpotError } from '../errors.js';
import type { AssociationTarget } from '../association-store.js';
import { resolveObjectType, type ObjectType } from '../object-types.js';
import type { RouteContext } from './context.js';

const PAGE_MAX = 500;

const BatchSchema = z.object({
  inputs: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), after: z.string().optional() })).max(1000, 'Batch size must be at most 1000'),
});

/** v4 answers object ids as numbers and every association with its category and type id. */
const presentTarget = (t: AssociationTarget) => ({
  toObjectId: Number(t.toObjectId),
  associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: t.typeId, label: null }],
});

export function registerAssociationRoutes(ctx: RouteContext, paths: { list: string; batch: string }): void {
  const { app, state } = ctx;

  app.get<{ Params: { objectType: string; objectId: string; toObjectType: string }; Querystring: { limit?: string; after?: string } }>(
    paths.list,
    async (request, reply) => {
      const types = typesOr400(request.params.objectType, request.params.toObjectType, reply);
      if (!types) return reply;
      const limit = Math.min(Math.max(Number(request.query.limit ?? PAGE_MAX) || PAGE_MAX, 1), PAGE_MAX);
      const page = pageOf(state.associations.list(types[0], request.params.objectId, types[1]), request.query.after, limit);
      return { results: page.targets.map(presentTarget), ...(page.next ? { paging: { next: { after: page.next, link: `${request.url.split('?')[0]}?after=${page.next}` } } } : {}) };
    },
  );

  app.post<{ Params: { fromObjectType: string; toObjectType: string } }>(paths.batch, async (request, reply) => {
    const types = typesOr400(request.params.fromObjectType, request.params.toObjectType, reply);
    if (!types) return reply;
    const parsed = BatchSchema.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send(hubSpotError('VALIDATION_ERROR', parsed.error.issues[0]!.message));
    const startedAt = new Date(ctx.clock()).toISOString();
    const results: unknown[] = [];
    const errors: unknown[] = [];
    for (const input of parsed.data.inputs) {
      const all = state.associations.list(types[0], input.id, types[1]);
      if (all.length === 0) {
        errors.push({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          message: `No ${types[1].slice(0, -1)} is associated with ${types[0].slice(0, -1)} ${input.id}.`,
          context: { fromObjectId: [input.id] },
          links: {},
          errors: [],
        });
        continue;
      }
      const page = pageOf(all, input.after, PAGE_MAX);
      results.push({ from: { id: input.id }, to: page.targets.map(presentTarget), ...(page.next ? { paging: { next: { after: page.next } } } : {}) });
    }
    const response = { status: 'COMPLETE', results, startedAt, completedAt: new Date(ctx.clock()).toISOString() };
    return errors.length === 0 ? response : reply.code(207).send({ ...response, numErrors: errors.length, errors });
  });
}

/** The cursor is the last target id returned, so a page never repeats or skips a target. */
function pageOf(all: AssociationTarget[], after: string | undefined, limit: number) {
  const start = after === undefined ? 0 : all.findIndex((t) => Number(t.toObjectId) > Number(after));
  const targets = start < 0 ? [] : all.slice(start, start + limit);
  const more = start >= 0 && start + limit < all.length;
  return { targets, next: more ? targets[targets.length - 1]!.toObjectId : undefined };
}

function typesOr400(from: string, to: string, reply: FastifyReply): [ObjectType, ObjectType] | undefined {
  const a = resolveObjectType(from);
  const b = resolveObjectType(to);
  if (a && b) return [a, b];
  void reply.code(400).send(hubSpotError('VALIDATION_ERROR', `Unable to infer object type from: ${a ? to : from}`));
  return undefined;
}
