/**
 * Meta Graph API emulator (Marketing API): lead forms of a page and their leads, a lead by id.
 * Versioned paths (`/v26.0/...`), `access_token` as query parameter or Bearer header, cursor
 * paging with `paging.cursors` and an absolute `paging.next`.
 * @see https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving
 */
import type { FastifyRequest } from 'fastify';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import type { DemoLead } from '../demo-world/world.js';
import { bearerToken, createSandboxApp, type SandboxApp } from '../kit/create-sandbox-app.js';
import type { SandboxControls } from '../kit/controls.js';
import { graphError } from './errors.js';
import type { MetaState } from './state.js';

export interface MetaSandboxOptions {
  state: MetaState;
  controls?: Partial<SandboxControls>;
  token?: string;
}

type GraphQuery = { access_token?: string; limit?: string; after?: string; fields?: string };

export function createMetaSandbox(options: MetaSandboxOptions): SandboxApp {
  const token = options.token ?? SANDBOX_CREDENTIALS.meta.token;
  const sandbox = createSandboxApp({
    vendor: 'meta',
    controls: options.controls,
    failure: (kind) => ({
      status: 500,
      body: graphError(kind === 'outage' ? 2 : 1, kind === 'outage' ? 'Service temporarily unavailable' : 'An unknown error occurred', {
        type: 'OAuthException',
        is_transient: true,
      }),
    }),
  });
  const { app } = sandbox;
  const { state } = options;

  app.addHook('preHandler', async (request: FastifyRequest<{ Querystring: GraphQuery }>, reply) => {
    if (request.url.startsWith('/__sandbox')) return;
    const presented = request.query.access_token ?? bearerToken(request);
    if (presented !== token) {
      return reply.code(400).send(graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
    }
  });

  app.get<{ Params: { version: string; pageId: string }; Querystring: GraphQuery }>(
    '/:version/:pageId/leadgen_forms',
    async (request, reply) => {
      if (request.params.pageId !== state.pageId) return unsupportedGet(reply, request.params.pageId);
      const forms = [...state.forms.values()].map((f) => ({ id: f.id, name: f.name, status: f.status }));
      return cursorPage(request, forms, (f) => f.id);
    },
  );

  app.get<{ Params: { version: string; formId: string }; Querystring: GraphQuery }>(
    '/:version/:formId/leads',
    async (request, reply) => {
      if (!state.forms.has(request.params.formId)) return unsupportedGet(reply, request.params.formId);
      const leads = [...state.leads.values()]
        .filter((l) => l.formId === request.params.formId)
        .sort((a, b) => a.createdTime.localeCompare(b.createdTime) || a.leadId.localeCompare(b.leadId))
        .map(presentLead);
      return cursorPage(request, leads, (l) => l.id);
    },
  );

  // Graph API multi-id lookup: GET /v26.0/?ids=a,b answers an object keyed by id.
  app.get<{ Params: { version: string }; Querystring: GraphQuery & { ids?: string } }>('/:version/', async (request, reply) => {
    const ids = (request.query.ids ?? '').split(',').filter(Boolean);
    if (ids.length === 0) return reply.code(400).send(graphError(100, 'The parameter ids is required'));
    if (ids.length > 50) return reply.code(400).send(graphError(100, 'Too many IDs. Maximum: 50.'));
    const missing = ids.find((id) => !state.leads.has(id));
    if (missing) return unsupportedGet(reply, missing);
    return Object.fromEntries(ids.map((id) => [id, presentLead(state.leads.get(id)!)]));
  });

  app.get<{ Params: { version: string; id: string }; Querystring: GraphQuery }>('/:version/:id', async (request, reply) => {
    const lead = state.leads.get(request.params.id);
    return lead ? presentLead(lead) : unsupportedGet(reply, request.params.id);
  });

  return sandbox;
}

function presentLead(lead: DemoLead) {
  const fieldData = [
    { name: 'email', values: [lead.email] },
    { name: 'full_name', values: [lead.fullName] },
    ...(lead.phone ? [{ name: 'phone_number', values: [lead.phone] }] : []),
  ];
  return {
    id: lead.leadId,
    // Graph API timestamps carry a +0000 offset rather than Z.
    created_time: lead.createdTime.replace(/\.\d{3}Z$/, '+0000'),
    ad_id: lead.adId,
    adset_id: lead.adsetId,
    campaign_id: lead.campaignId,
    form_id: lead.formId,
    field_data: fieldData,
    is_organic: false,
    platform: 'fb',
  };
}

function unsupportedGet(reply: { code: (n: number) => { send: (b: unknown) => unknown } }, id: string) {
  return reply
    .code(400)
    .send(
      graphError(
        100,
        `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        { type: 'GraphMethodException', error_subcode: 33 },
      ),
    );
}

function cursorPage<T>(request: FastifyRequest<{ Querystring: GraphQuery }>, items: T[], idOf: (item: T) => string) {
  const limit = Math.min(Math.max(Number(request.query.limit ?? 25) || 25, 1), 500);
  const after = request.query.after ? Buffer.from(request.query.after, 'base64url').toString() : undefined;
  const start = after === undefined ? 0 : items.findIndex((item) => idOf(item) === after) + 1;
  const page = items.slice(start, start + limit);
  if (page.length === 0) return { data: [] };
  const cursor = (item: T) => Buffer.from(idOf(item)).toString('base64url');
  const paging: { cursors: { before: string; after: string }; next?: string } = {
    cursors: { before: cursor(page[0]!), after: cursor(page[page.length - 1]!) },
  };
  if (start + limit < items.length) {
    const next = new URL(`${request.protocol}://${request.host}${request.url}`);
    next.searchParams.set('after', paging.cursors.after);
    paging.next = next.toString();
  }
  return { data: page, paging };
}
