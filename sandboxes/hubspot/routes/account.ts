/**
 * The account's details (portal id and UI domain, which record links need) and its owners.
 * @see https://developers.hubspot.com/docs/api-reference/account-account-info-v3/guide
 * @see https://developers.hubspot.com/docs/api-reference/crm-owners-v3/guide
 */
import { hubSpotError } from '../errors.js';
import { OWNERS } from '../owners.js';
import type { RouteContext } from './context.js';

const OWNERS_PAGE_MAX = 500;

export function registerAccountRoutes(ctx: RouteContext): void {
  const { app, state } = ctx;

  app.get('/account-info/v3/details', async () => ({
    portalId: state.portalId,
    accountType: 'STANDARD',
    timeZone: state.timeZone,
    companyCurrency: 'USD',
    additionalCurrencies: [],
    utcOffset: '-05:00',
    utcOffsetMilliseconds: -18_000_000,
    uiDomain: state.uiDomain,
    dataHostingLocation: 'na1',
  }));

  app.get<{ Querystring: { limit?: string; after?: string; email?: string } }>('/crm/v3/owners', async (request) => {
    const limit = Math.min(Math.max(Number(request.query.limit ?? 100) || 100, 1), OWNERS_PAGE_MAX);
    const email = request.query.email?.trim().toLowerCase();
    const matching = OWNERS.filter((o) => !email || o.email === email);
    const start = request.query.after === undefined ? 0 : Number(request.query.after) || 0;
    const results = matching.slice(start, start + limit);
    const next = start + limit < matching.length ? String(start + limit) : undefined;
    return next ? { results, paging: { next: { after: next, link: `/crm/v3/owners?after=${next}` } } } : { results };
  });

  app.get<{ Params: { ownerId: string } }>('/crm/v3/owners/:ownerId', async (request, reply) => {
    const owner = OWNERS.find((o) => o.id === request.params.ownerId);
    return owner ?? reply.code(404).send(hubSpotError('OBJECT_NOT_FOUND', `Owner ${request.params.ownerId} not found`));
  });
}
