/**
 * The account's marketing subscription types, read once and trusted for a while: webhook mapping,
 * sync and write-back all need to know which type stands for "marketing email".
 */
import type { HubSpotClient } from './client.js';
import { marketingSubscriptions, type MarketingSubscriptions } from './mappers/to-consent.js';

export type MarketingSubscriptionsReader = () => Promise<MarketingSubscriptions>;

/** A successful read is kept for `ttlMs` (@default 10 min); a failed one is not kept. */
export function createMarketingSubscriptionsReader(client: HubSpotClient, ttlMs = 600_000, now: () => number = Date.now): MarketingSubscriptionsReader {
  let cached: { value: Promise<MarketingSubscriptions>; until: number } | undefined;
  return () => {
    if (cached && cached.until > now()) return cached.value;
    const value = client.subscriptionDefinitions().then(marketingSubscriptions);
    cached = { value, until: now() + ttlMs };
    value.catch(() => (cached = undefined));
    return value;
  };
}
