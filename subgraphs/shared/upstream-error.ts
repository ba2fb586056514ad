/**
 * Turns a connector failure into the GraphQL error a client sees: the field is null, and the
 * error's extensions name the vendor and a stable code (UPSTREAM_TIMEOUT, UPSTREAM_THROTTLED,
 * UPSTREAM_UNAVAILABLE, UPSTREAM_AUTH, ...). Nothing of the vendor's raw answer leaks.
 */
import { GraphQLError } from 'graphql';
import { isVendorError } from '../../connectors/http/errors.js';

export function toUpstreamError(vendor: string, error: unknown): GraphQLError {
  if (isVendorError(error)) {
    return new GraphQLError(`${vendorLabel(vendor)} is unavailable for this field: ${describe(error.code)}`, {
      extensions: {
        code: error.code,
        vendor,
        operation: error.operation,
        retryable: error.retryable,
        ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      },
    });
  }
  return new GraphQLError(`${vendorLabel(vendor)} failed for this field`, {
    extensions: { code: 'UPSTREAM_UNAVAILABLE', vendor, retryable: true },
  });
}

/** Runs a vendor read; any failure becomes an upstream error for that field alone. */
export async function guardVendor<T>(vendor: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw toUpstreamError(vendor, error);
  }
}

const LABELS: Record<string, string> = {
  hubspot: 'HubSpot',
  shopify: 'Shopify',
  klaviyo: 'Klaviyo',
  meta: 'Meta Ads',
  'google-ads': 'Google Ads',
};

const vendorLabel = (vendor: string) => LABELS[vendor] ?? vendor;

function describe(code: string): string {
  switch (code) {
    case 'UPSTREAM_TIMEOUT':
      return 'it did not answer in time';
    case 'UPSTREAM_THROTTLED':
      return 'it is rate limiting the hub';
    case 'UPSTREAM_AUTH':
      return 'it refused the hub’s credentials';
    case 'UPSTREAM_UNAVAILABLE':
      return 'it could not be reached';
    default:
      return 'it answered with an error';
  }
}
