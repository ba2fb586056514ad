/**
 * HubSpot CRM emulator: contacts v3 (get by id or `idProperty=email`, list with `after` paging,
 * batch read). Bearer auth. Shapes follow HubSpot's public OpenAPI spec.
 * @see https://developers.hubspot.com/docs/api/crm/contacts
 */
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { bearerToken, createSandboxApp, type SandboxApp } from '../kit/create-sandbox-app.js';
import type { SandboxControls } from '../kit/controls.js';
import { hubSpotError } from './errors.js';
import type { HubSpotContactRecord, HubSpotState } from './state.js';

const DEFAULT_PROPERTIES = ['firstname', 'lastname', 'email', 'createdate', 'lastmodifieddate', 'hs_object_id'];

export interface HubSpotSandboxOptions {
  state: HubSpotState;
  controls?: Partial<SandboxControls>;
  token?: string;
}

export function createHubSpotSandbox(options: HubSpotSandboxOptions): SandboxApp {
  const token = options.token ?? SANDBOX_CREDENTIALS.hubspot.token;
  const sandbox = createSandboxApp({
    vendor: 'hubspot',
    controls: options.controls,
    failure: (kind) => ({
      status: kind === 'outage' ? 503 : 502,
      body: hubSpotError('SERVICE_UNAVAILABLE', 'The service is temporarily unavailable.'),
    }),
  });
  const { app } = sandbox;
  const { state } = options;

  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/__sandbox')) return;
    if (bearerToken(request) !== token) {
      return reply
        .code(401)
        .send(
          hubSpotError(
            'INVALID_AUTHENTICATION',
            'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
          ),
        );
    }
  });

  app.get<{
    Params: { id: string };
    Querystring: { idProperty?: string; properties?: string; archived?: string };
  }>('/crm/v3/objects/contacts/:id', async (request, reply) => {
    const { id } = request.params;
    const contact = findContact(state, id, request.query.idProperty);
    if (!contact) {
      return reply.code(404).send(hubSpotError('OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.'));
    }
    return present(contact, splitList(request.query.properties));
  });

  app.get<{ Querystring: { limit?: string; after?: string; properties?: string } }>(
    '/crm/v3/objects/contacts',
    async (request) => {
      const limit = Math.min(Math.max(Number(request.query.limit ?? 10) || 10, 1), 100);
      const ids = [...state.contacts.keys()].sort((a, b) => Number(a) - Number(b));
      const after = request.query.after;
      const start = after === undefined ? 0 : ids.findIndex((id) => Number(id) > Number(after));
      const page = start < 0 ? [] : ids.slice(start, start + limit);
      const results = page.map((id) => present(state.contacts.get(id)!, splitList(request.query.properties)));
      const last = page[page.length - 1];
      const hasMore = start >= 0 && start + limit < ids.length;
      return hasMore && last
        ? { results, paging: { next: { after: last, link: `/crm/v3/objects/contacts?after=${last}` } } }
        : { results };
    },
  );

  app.post<{
    Body: { idProperty?: string; inputs?: { id: string }[]; properties?: string[] };
  }>('/crm/v3/objects/contacts/batch/read', async (request, reply) => {
    const body = request.body ?? {};
    if (!Array.isArray(body.inputs)) {
      return reply.code(400).send(hubSpotError('VALIDATION_ERROR', 'Invalid input JSON: inputs is required'));
    }
    if (body.inputs.length > 100) {
      return reply.code(400).send(hubSpotError('VALIDATION_ERROR', 'Batch size must be at most 100'));
    }
    const startedAt = new Date().toISOString();
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const input of body.inputs) {
      const contact = findContact(state, input.id, body.idProperty);
      if (contact) results.push(present(contact, body.properties));
      else missing.push(input.id);
    }
    const response = { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() };
    if (missing.length === 0) return response;
    // HubSpot answers 207 Multi-Status when some ids are unknown.
    return reply.code(207).send({
      ...response,
      numErrors: 1,
      errors: [
        {
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: 'Could not get some CONTACT objects, they may be deleted or not exist.',
          context: { ids: missing },
        },
      ],
    });
  });

  return sandbox;
}

function findContact(state: HubSpotState, id: string, idProperty: string | undefined) {
  if (idProperty === 'email') {
    const contactId = state.contactIdByEmail.get(id.trim().toLowerCase());
    return contactId === undefined ? undefined : state.contacts.get(contactId);
  }
  const contact = state.contacts.get(id);
  return contact && !contact.archived ? contact : undefined;
}

function present(contact: HubSpotContactRecord, requested: string[] | undefined) {
  const names = requested && requested.length > 0 ? requested : DEFAULT_PROPERTIES;
  const properties: Record<string, string | null> = {};
  for (const name of names) properties[name] = contact.properties[name] ?? null;
  return {
    id: contact.id,
    properties,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    archived: contact.archived,
  };
}

function splitList(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
