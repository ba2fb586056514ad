/**
 * CRM objects (contacts, deals, emails, calls, notes): get, list, batch read, search and GDPR
 * delete, under one path prefix. Registered twice: `/crm/v3/objects` and the date-based
 * `/crm/objects/2026-09`, whose shapes are the same.
 * @see https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/guide
 * @see https://developers.hubspot.com/docs/guides/api/crm/search
 * @see https://developers.hubspot.com/docs/api-reference/latest/crm/objects/contacts/gdpr-delete
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { hubSpotError, validationError } from '../errors.js';
import { gdprDeleteContact } from '../mutations.js';
import type { CrmRecord } from '../object-store.js';
import { resolveObjectType, type ObjectType } from '../object-types.js';
import { presentRecord, splitList } from '../present.js';
import { SearchRequestSchema, searchCandidates, searchRecords } from '../search.js';
import type { HubSpotState } from '../state.js';
import type { RouteContext } from './context.js';

type ReadQuery = { properties?: string; propertiesWithHistory?: string; associations?: string; idProperty?: string; archived?: string };

const BatchReadSchema = z.object({
  inputs: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String) })).max(100, 'Batch size must be at most 100'),
  properties: z.array(z.string()).default([]),
  propertiesWithHistory: z.array(z.string()).default([]),
  idProperty: z.string().optional(),
});

const GdprDeleteSchema = z.object({ objectId: z.string().min(1), idProperty: z.string().optional() });

/** Properties the free-text `query` of a search looks in. */
const SEARCHABLE: Record<ObjectType, readonly string[]> = {
  contacts: ['email', 'firstname', 'lastname', 'phone'],
  deals: ['dealname'],
  emails: ['hs_email_subject'],
  calls: ['hs_call_title'],
  notes: ['hs_note_body'],
};

export function registerCrmObjectRoutes(ctx: RouteContext, prefix: string): void {
  const { app, state } = ctx;

  app.get<{ Params: { objectType: string }; Querystring: ReadQuery & { limit?: string; after?: string } }>(
    `${prefix}/:objectType`,
    async (request, reply) => {
      const type = objectTypeOr400(request.params.objectType, reply);
      if (!type) return reply;
      const limit = Math.min(Math.max(Number(request.query.limit ?? 10) || 10, 1), 100);
      const { records, more } = state.objects[type].page(request.query.after, limit);
      const results = records.map((r) => presentRecord(state, type, r, readOptions(request.query)));
      const last = records[records.length - 1];
      if (!more || !last) return { results };
      const link = `${prefix}/${request.params.objectType}?after=${last.id}&limit=${limit}`;
      return { results, paging: { next: { after: last.id, link } } };
    },
  );

  app.get<{ Params: { objectType: string; objectId: string }; Querystring: ReadQuery }>(
    `${prefix}/:objectType/:objectId`,
    async (request, reply) => {
      const type = objectTypeOr400(request.params.objectType, reply);
      if (!type) return reply;
      const record = findRecord(state, type, request.params.objectId, request.query.idProperty);
      if (!record) return reply.code(404).send(hubSpotError('OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.'));
      return presentRecord(state, type, record, readOptions(request.query));
    },
  );

  app.post<{ Params: { objectType: string } }>(`${prefix}/:objectType/batch/read`, async (request, reply) => {
    const type = objectTypeOr400(request.params.objectType, reply);
    if (!type) return reply;
    const parsed = BatchReadSchema.safeParse(request.body ?? {});
    if (!parsed.success) return validationError(reply, parsed.error.issues[0]!.message);
    const body = parsed.data;
    const startedAt = new Date(ctx.clock()).toISOString();
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const { id } of body.inputs) {
      const record = findRecord(state, type, id, body.idProperty);
      if (record) results.push(presentRecord(state, type, record, body));
      else missing.push(id);
    }
    const response = { status: 'COMPLETE', results, startedAt, completedAt: new Date(ctx.clock()).toISOString() };
    if (missing.length === 0) return response;
    // HubSpot answers 207 Multi-Status when some ids are unknown, and still returns the others.
    return reply.code(207).send({
      ...response,
      numErrors: 1,
      errors: [
        {
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: `Could not get some ${type.slice(0, -1).toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
          context: { ids: missing },
          links: {},
          errors: [],
        },
      ],
    });
  });

  app.post<{ Params: { objectType: string } }>(`${prefix}/:objectType/search`, async (request, reply) => {
    const type = objectTypeOr400(request.params.objectType, reply);
    if (!type) return reply;
    const parsed = SearchRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) return validationError(reply, parsed.error.issues[0]!.message);
    const search = parsed.data;
    const offset = Number(search.after ?? 0);
    // HubSpot will not page past 10,000 results of one query: the request fails with a 400.
    if (offset >= ctx.searchResultCap) {
      return validationError(reply, `Paging beyond ${ctx.searchResultCap} results is not supported. Narrow the search with filters instead.`);
    }
    const matches = searchRecords(searchCandidates(state.objects[type], search), search, SEARCHABLE[type]);
    const end = Math.min(offset + search.limit, ctx.searchResultCap, matches.length);
    const results = matches.slice(offset, end).map((r) => presentRecord(state, type, r, { properties: search.properties }));
    // The next offset is offered whenever more matched, even past the cap (where it then fails).
    return end < matches.length ? { total: matches.length, results, paging: { next: { after: String(end) } } } : { total: matches.length, results };
  });

  app.post(`${prefix}/contacts/gdpr-delete`, async (request, reply) => {
    const parsed = GdprDeleteSchema.safeParse(request.body ?? {});
    if (!parsed.success) return validationError(reply, 'Invalid input JSON: objectId is required');
    const { objectId, idProperty } = parsed.data;
    const contact = findRecord(state, 'contacts', objectId, idProperty);
    if (!contact) return reply.code(404).send(hubSpotError('OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.'));
    gdprDeleteContact(state, contact.id);
    void ctx.webhooks.emit([{ subscriptionType: 'contact.privacyDeletion', objectId: Number(contact.id), changeSource: 'GDPR' }]);
    return reply.code(204).send();
  });
}

/** By id, or by a unique property (`idProperty=email`); deleted and archived records are not found. */
export function findRecord(state: HubSpotState, type: ObjectType, id: string, idProperty: string | undefined): CrmRecord | undefined {
  if (type === 'contacts' && idProperty === 'email') {
    const contactId = state.contactIdByEmail.get(id.trim().toLowerCase());
    return contactId === undefined ? undefined : state.objects.contacts.get(contactId);
  }
  const record = state.objects[type].get(id);
  return record && !record.archived ? record : undefined;
}

function readOptions(query: ReadQuery) {
  return {
    properties: splitList(query.properties),
    propertiesWithHistory: splitList(query.propertiesWithHistory),
    associations: splitList(query.associations)?.map(resolveObjectType).filter((t): t is ObjectType => t !== undefined),
  };
}

function objectTypeOr400(segment: string, reply: FastifyReply): ObjectType | undefined {
  const type = resolveObjectType(segment);
  if (!type) void reply.code(400).send(hubSpotError('VALIDATION_ERROR', `Unable to infer object type from: ${segment}`));
  return type;
}

