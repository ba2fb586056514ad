import type { FastifyInstance } from 'fastify';
import type { HubSpotState } from '../state.js';
import type { HubSpotWebhookEmitter } from '../webhooks.js';

/** What every route group of the HubSpot sandbox works with. */
export interface RouteContext {
  app: FastifyInstance;
  state: HubSpotState;
  webhooks: HubSpotWebhookEmitter;
  clock: () => number;
  /** HubSpot's search result cap (10,000); tests shrink it. */
  searchResultCap: number;
}

export const nowIso = (ctx: RouteContext) => new Date(ctx.clock()).toISOString();
