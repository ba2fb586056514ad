/**
 * Sandbox-only routes (never part of the Google Ads API) under `/__sandbox/`: what the hub put
 * in each Customer Match list (Google never lets anyone read membership back, so tests and
 * demos look here), the conversions it uploaded, the allowlist switches, and an action that
 * makes a new ad click happen (Google Ads has no webhooks; the hub finds it by syncing click_view).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ADMIN_PREFIX } from '../kit/create-sandbox-app.js';
import type { QuotaGuard, QuotaOptions } from './quota.js';
import { listSize } from './rows.js';
import type { GoogleAdsState, SandboxClick } from './state.js';
import { dayClicksKey } from './traffic.js';

const QuotaOptionsSchema = z.strictObject({
  requestsPerWindow: z.number().int().positive().optional(),
  windowMs: z.number().int().positive().optional(),
  dailyOperations: z.number().int().positive().optional(),
});

export interface Allowlist {
  customerMatch: boolean;
  conversionUploads: boolean;
}

export interface AdminOptions {
  state: GoogleAdsState;
  allowlist: Allowlist;
  quota: QuotaGuard;
  oauth: { revoked: boolean };
  now: () => number;
}

export function registerAdminRoutes(app: FastifyInstance, options: AdminOptions): void {
  const { state, allowlist, quota, oauth, now } = options;
  const base = `${ADMIN_PREFIX}/google-ads`;

  /** The quota the account enforces (with throttling on): `{ requestsPerWindow, windowMs, dailyOperations }`. */
  app.get(`${base}/quota`, async () => quota.settings);
  app.put<{ Body: QuotaOptions }>(`${base}/quota`, async (request, reply) => {
    const parsed = QuotaOptionsSchema.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.issues });
    quota.configure(parsed.data);
    return quota.settings;
  });

  /** Revokes (or restores) the OAuth token, as a user removing the app's access would. */
  app.put<{ Body: { revoked?: unknown } }>(`${base}/oauth`, async (request, reply) => {
    if (typeof request.body?.revoked !== 'boolean') return reply.code(400).send({ error: 'revoked must be a boolean' });
    oauth.revoked = request.body.revoked;
    return oauth;
  });

  app.get(`${base}/user-lists`, async () => ({
    userLists: [...state.userLists.values()].map((list) => ({
      id: list.id,
      resourceName: `customers/${state.customerId}/userLists/${list.id}`,
      name: list.name,
      type: list.type,
      size: listSize(state, list),
      members: list.members,
    })),
  }));

  app.get<{ Params: { id: string } }>(`${base}/user-lists/:id/members`, async (request, reply) => {
    const list = state.userLists.get(request.params.id);
    if (!list) return reply.code(404).send({ error: `no user list ${request.params.id}` });
    return { members: list.members };
  });

  app.get(`${base}/conversions`, async () => ({ conversions: state.conversions }));

  app.get(`${base}/allowlist`, async () => allowlist);
  app.put<{ Body: Partial<Allowlist> }>(`${base}/allowlist`, async (request, reply) => {
    const body = request.body ?? {};
    for (const key of ['customerMatch', 'conversionUploads'] as const) {
      if (body[key] !== undefined && typeof body[key] !== 'boolean') return reply.code(400).send({ error: `${key} must be a boolean` });
    }
    Object.assign(allowlist, body);
    return allowlist;
  });

  /** A person clicks an ad: `{ gclid, campaignId?, clickedAt? }` (defaults: the first campaign, now). */
  app.post<{ Body: { gclid?: string; campaignId?: string; clickedAt?: string } }>(`${ADMIN_PREFIX}/actions/click`, async (request, reply) => {
    const { gclid, campaignId, clickedAt } = request.body ?? {};
    if (!gclid || !/^[A-Za-z0-9_-]{20,}$/.test(gclid)) return reply.code(400).send({ error: 'gclid: 20+ characters of [A-Za-z0-9_-] required' });
    if (state.clicksByGclid.has(gclid)) return reply.code(409).send({ error: `gclid ${gclid} already clicked` });
    const campaign = campaignId ? state.campaigns.find((c) => c.id === campaignId) : state.campaigns[0];
    if (!campaign) return reply.code(400).send({ error: `no campaign ${campaignId}` });
    const at = clickedAt ?? new Date(now()).toISOString();
    if (Number.isNaN(Date.parse(at))) return reply.code(400).send({ error: 'clickedAt: an ISO date-time required' });
    const click: SandboxClick = { gclid, campaignId: campaign.id, adGroupId: campaign.adGroupId, clickedAt: new Date(at).toISOString(), date: new Date(at).toISOString().slice(0, 10) };
    state.clicksByGclid.set(gclid, click);
    state.knownClicksByDay.set(click.date, [...(state.knownClicksByDay.get(click.date) ?? []), click]);
    // The day's numbers now include this click.
    state.memo.delete(`metrics:${campaign.id}:${click.date}`);
    state.memo.delete(dayClicksKey(campaign.id, click.date));
    return reply.code(201).send(click);
  });
}
