/**
 * Shopify's global ids (`gid://shopify/Customer/123`) and the numeric ids REST-shaped webhook
 * payloads carry (`"id": 123`). The hub keys Shopify customers by GID everywhere.
 * @see https://shopify.dev/docs/api/usage/gids
 */
export type GidType = 'Customer' | 'Order' | 'AbandonedCheckout' | 'LineItem';

export const toGid = (type: GidType, legacyId: string | number) => `gid://shopify/${type}/${legacyId}`;

/** The numeric id of a GID of `type`, or undefined when the string is not one. */
export function legacyIdOf(gid: string, type: GidType): string | undefined {
  const match = /^gid:\/\/shopify\/(\w+)\/(\d+)(?:\?.*)?$/.exec(gid);
  return match && match[1] === type ? match[2] : undefined;
}

/**
 * The checkout token inside an abandoned checkout's recovery URL
 * (`https://{shop}/{shop id}/checkouts/{token}/recover?key=...`): the one id the GraphQL
 * `AbandonedCheckout` and the `checkouts/*` webhooks (keyed by `token` since 2026-04) share.
 */
export function checkoutTokenOf(recoveryUrl: string): string | undefined {
  return /\/checkouts\/(?:ac\/)?([^/?#]+)\/recover/.exec(recoveryUrl)?.[1];
}
