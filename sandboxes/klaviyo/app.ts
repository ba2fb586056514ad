/**
 * Klaviyo API emulator (revision 2026-07-15): profiles get/list with JSON:API shapes, `filter`,
 * `page[size]`/`page[cursor]` with absolute `links.next`. Requires `Authorization:
 * Klaviyo-API-Key` and the `revision` header.
 * @see https://developers.klaviyo.com/en/reference/api_overview
 */
import type { FastifyRequest } from 'fastify';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { createSandboxApp, type SandboxApp } from '../kit/create-sandbox-app.js';
import type { SandboxControls } from '../kit/controls.js';
import { klaviyoErrors } from './errors.js';
import { FilterSyntaxError, matchesFilter, parseFilter, type FilterCondition } from './filter.js';
import type { KlaviyoProfileRecord, KlaviyoState } from './state.js';

const JSON_API = 'application/vnd.api+json';

export interface KlaviyoSandboxOptions {
  state: KlaviyoState;
  controls?: Partial<SandboxControls>;
  apiKey?: string;
}

export function createKlaviyoSandbox(options: KlaviyoSandboxOptions): SandboxApp {
  const apiKey = options.apiKey ?? SANDBOX_CREDENTIALS.klaviyo.token;
  const sandbox = createSandboxApp({
    vendor: 'klaviyo',
    controls: options.controls,
    failure: (kind) => ({
      status: kind === 'outage' ? 503 : 500,
      body: klaviyoErrors(kind === 'outage' ? 503 : 500, 'error', 'A server error occurred.', 'A server error occurred.'),
    }),
  });
  const { app } = sandbox;
  const { state } = options;
  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  app.addContentTypeParser(JSON_API, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, body === '' ? {} : JSON.parse(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/__sandbox')) return;
    reply.header('content-type', JSON_API);
    if (request.headers.authorization !== `Klaviyo-API-Key ${apiKey}`) {
      return reply
        .code(401)
        .send(klaviyoErrors(401, 'not_authenticated', 'Authentication credentials were not provided.', 'Missing or invalid private key.'));
    }
    if (!request.headers.revision) {
      return reply
        .code(400)
        .send(klaviyoErrors(400, 'invalid', 'Invalid input.', 'The revision header is required.', { parameter: 'revision' }));
    }
  });

  app.get<{ Params: { id: string } }>('/api/profiles/:id', async (request, reply) => {
    const profile = state.profiles.get(request.params.id);
    if (!profile) {
      return reply
        .code(404)
        .send(klaviyoErrors(404, 'not_found', 'Not found.', `A profile with id ${request.params.id} does not exist.`));
    }
    return { data: profileResource(profile, origin(request)), links: { self: `${origin(request)}/api/profiles/${profile.id}/` } };
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/api/profiles', async (request, reply) => {
    const query = request.query;
    const size = Number(query['page[size]'] ?? 20);
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      return reply
        .code(400)
        .send(klaviyoErrors(400, 'invalid', 'Invalid input.', 'page[size] must be between 1 and 100', { parameter: 'page[size]' }));
    }
    let filter: FilterCondition | undefined;
    try {
      filter = query.filter ? parseFilter(query.filter) : undefined;
    } catch (error) {
      if (!(error instanceof FilterSyntaxError)) throw error;
      return reply.code(400).send(klaviyoErrors(400, 'invalid', 'Invalid filter provided.', error.message, { parameter: 'filter' }));
    }
    const all = [...state.profiles.values()]
      .filter((p) => !filter || matchesFilter(filter, (field) => profileField(p, field)))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const after = query['page[cursor]'] ? Buffer.from(query['page[cursor]'], 'base64url').toString() : undefined;
    const start = after === undefined ? 0 : all.findIndex((p) => p.id > after);
    const page = start < 0 ? [] : all.slice(start, start + size);
    const base = origin(request);
    const selfUrl = `${base}${request.url}`;
    let next: string | null = null;
    if (start >= 0 && start + size < all.length) {
      const url = new URL(selfUrl);
      url.searchParams.set('page[cursor]', Buffer.from(page[page.length - 1]!.id).toString('base64url'));
      next = url.toString();
    }
    return { data: page.map((p) => profileResource(p, base)), links: { self: selfUrl, next, prev: null } };
  });

  return sandbox;
}

function profileField(profile: KlaviyoProfileRecord, field: string): unknown {
  switch (field) {
    case 'id':
      return profile.id;
    case 'email':
      return profile.email;
    case 'phone_number':
      return profile.phoneNumber;
    case 'external_id':
      return profile.externalId;
    case 'created':
      return profile.created;
    case 'updated':
      return profile.updated;
    default:
      return undefined;
  }
}

function profileResource(profile: KlaviyoProfileRecord, base: string) {
  return {
    type: 'profile',
    id: profile.id,
    attributes: {
      email: profile.email,
      phone_number: profile.phoneNumber,
      external_id: profile.externalId,
      first_name: profile.firstName,
      last_name: profile.lastName,
      organization: null,
      locale: null,
      title: null,
      image: null,
      created: profile.created,
      updated: profile.updated,
      last_event_date: null,
      location: {
        address1: null,
        address2: null,
        city: null,
        country: null,
        latitude: null,
        longitude: null,
        region: null,
        zip: null,
        timezone: profile.timezone,
        ip: null,
      },
      properties: {},
    },
    relationships: {
      lists: { links: { self: `${base}/api/profiles/${profile.id}/relationships/lists/`, related: `${base}/api/profiles/${profile.id}/lists/` } },
      segments: { links: { self: `${base}/api/profiles/${profile.id}/relationships/segments/`, related: `${base}/api/profiles/${profile.id}/segments/` } },
    },
    links: { self: `${base}/api/profiles/${profile.id}/` },
  };
}
