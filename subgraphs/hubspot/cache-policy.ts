/**
 * How long each HubSpot read is kept in the shared cache (seconds), and the `Cache-Control`
 * max-age the fields built from it advertise. Webhooks drop entries as records change, so TTLs
 * bound staleness only when a change arrives without a webhook (or the webhook is lost).
 */
export const TTL = {
  contact: 60,
  associations: 120,
  deal: 120,
  /** Logged activity rarely changes after the fact. */
  engagement: 600,
  subscriptions: 60,
  owners: 3600,
  account: 86_400,
  /** "HubSpot has no such record" is remembered briefly. */
  miss: 30,
} as const;

/** Customer data is per person: caches shared between users must not keep it. */
export const HINT_SCOPE = 'PRIVATE' as const;
