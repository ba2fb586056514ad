/**
 * How long each Shopify read may be served from the hub's cache, and what the subgraph tells the
 * gateway through `Cache-Control` hints. Webhooks drop cached entries as soon as Shopify says a
 * record changed, so TTLs only bound staleness when a webhook is lost. Everything here is about
 * one person: hints are PRIVATE.
 */
import type { CacheHint } from './cache-hint.js';

export const CACHE_TTL_SECONDS = {
  customer: 60,
  orders: 120,
  checkouts: 120,
  /** An order's lines rarely change after it is placed (an order edit sends its own webhook). */
  lineItems: 3600,
  /** How long "Shopify has no such customer" is remembered. */
  missing: 30,
} as const;

export const CACHE_HINTS = {
  customer: { maxAge: 60, scope: 'PRIVATE' },
  orders: { maxAge: 60, scope: 'PRIVATE' },
  checkouts: { maxAge: 60, scope: 'PRIVATE' },
  lineItems: { maxAge: 300, scope: 'PRIVATE' },
} as const satisfies Record<string, CacheHint>;
