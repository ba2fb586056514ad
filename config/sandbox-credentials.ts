/**
 * The fixed, public credentials of the local vendor sandboxes. They open nothing but the
 * emulators on loopback, so they are documented here rather than kept secret. A connector uses
 * them only when no real credential for its vendor is set in the environment.
 */
export const SANDBOX_CREDENTIALS = {
  hubspot: { token: 'sandbox-hubspot-private-app-token', webhookSecret: 'sandbox-hubspot-client-secret' },
  shopify: { token: 'shpat_sandbox_shopify_access_token', webhookSecret: 'sandbox-shopify-client-secret' },
  klaviyo: { token: 'pk_sandbox_klaviyo_private_key', webhookSecret: 'sandbox-klaviyo-webhook-secret' },
  meta: {
    token: 'sandbox-meta-system-user-token',
    webhookSecret: 'sandbox-meta-app-secret',
    adAccountId: 'act_1000000001',
    pageId: '153125381133',
    verifyToken: 'sandbox-meta-verify-token',
  },
  googleAds: { token: 'sandbox-google-ads-oauth-token', customerId: '1234567890' },
} as const;
