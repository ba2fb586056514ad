/**
 * What each vendor sandbox of a running hub holds for a person, read over HTTP through the
 * vendor's own API (or, for ad platforms that never read membership back, the sandbox's admin
 * routes), plus the admin controls that take a vendor down. Consent and erasure tests assert on
 * these, never on the hub's own idea of what it sent.
 */
import type { RunningHub } from '../../bin/start-hub.js';
import type { Vendor } from '../../config/env.js';

const sandboxUrl = (hub: RunningHub, vendor: Vendor) => {
  const sandbox = hub.sandboxes.find((s) => s.vendor === vendor);
  if (!sandbox) throw new Error(`no ${vendor} sandbox in this hub`);
  return sandbox.url;
};

async function admin(hub: RunningHub, vendor: Vendor, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandboxUrl(hub, vendor)}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Takes a vendor down (every API call fails as it does in an outage) or brings it back. */
export async function setOutage(hub: RunningHub, vendor: Vendor, outage: boolean): Promise<void> {
  const { status } = await admin(hub, vendor, 'PUT', '/__sandbox/controls', { outage });
  if (status !== 200) throw new Error(`could not set ${vendor} outage: ${status}`);
}

/** HubSpot: the v3 status of every subscription type for an address, by type name; undefined when HubSpot holds no such address. */
export async function hubspotStatuses(hub: RunningHub, email: string): Promise<Record<string, string> | undefined> {
  const response = await fetch(`${sandboxUrl(hub, 'hubspot')}/communication-preferences/v3/status/email/${encodeURIComponent(email)}`, {
    headers: { authorization: `Bearer ${hub.config.hubspot.credential}` },
  });
  if (response.status === 404) return undefined;
  const body = (await response.json()) as { subscriptionStatuses: { name: string; status: string }[] };
  return Object.fromEntries(body.subscriptionStatuses.map((s) => [s.name, s.status]));
}

/** HubSpot: the contact by id; undefined once deleted. */
export const hubspotContact = (hub: RunningHub, id: string) => hub.connectors.hubspot.client.getContact(id);

/** Shopify: the customer as the Admin API answers it. */
export const shopifyCustomer = (hub: RunningHub, legacyId: string) => hub.connectors.shopify.client.getCustomer(`gid://shopify/Customer/${legacyId}`);

/** Klaviyo: runs the account's queued bulk jobs (subscribe, unsubscribe, deletion) now. */
export async function runKlaviyoJobs(hub: RunningHub): Promise<void> {
  await admin(hub, 'klaviyo', 'POST', '/__sandbox/jobs/run');
}

/** Klaviyo: the profile with its subscriptions; undefined once deleted. */
export const klaviyoProfile = (hub: RunningHub, profileId: string) => hub.connectors.klaviyo.client.getProfile(profileId, { additional: ['subscriptions'] });

/** Meta: the members of a custom audience (hashed rows), from the sandbox's admin view. */
export async function metaAudienceMembers(hub: RunningHub, audienceId: string): Promise<unknown[]> {
  return (await admin(hub, 'meta', 'GET', `/__sandbox/meta/audiences/${audienceId}/members`)).body.members as unknown[];
}

/** Google Ads: the members of a Customer Match list (hashes), from the sandbox's admin view. */
export async function googleListMembers(hub: RunningHub, listId: string): Promise<unknown[]> {
  return (await admin(hub, 'google-ads', 'GET', `/__sandbox/google-ads/user-lists/${listId}/members`)).body.members as unknown[];
}

/** Klaviyo: rotates the account's private key (the hub's key then stops working, as after a revocation). */
export async function setKlaviyoApiKey(hub: RunningHub, apiKey: string): Promise<void> {
  const { status } = await admin(hub, 'klaviyo', 'PUT', '/__sandbox/credentials', { apiKey });
  if (status !== 200) throw new Error(`could not set the Klaviyo key: ${status}`);
}
