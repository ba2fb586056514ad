/**
 * Shopify's error bodies: auth refusal (HTTP 401 with a string `errors`), and the cost errors,
 * which come with HTTP 200, top-level `errors` and no `data`.
 * @see https://shopify.dev/docs/api/usage/response-codes
 * @see https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
 */
import type { ThrottleStatus } from './cost-bucket.js';

const RATE_LIMIT_DOCS = 'https://shopify.dev/api/usage/rate-limits';

export const invalidToken = () => ({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });

export function throttled(requested: number, status: ThrottleStatus) {
  return {
    errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: RATE_LIMIT_DOCS } }],
    extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: status } },
  };
}

export function maxCostExceeded(cost: number, maxCost: number) {
  return {
    errors: [
      {
        message: `Query cost is ${cost}, which exceeds the single query max cost limit (${maxCost}).\n\nSee ${RATE_LIMIT_DOCS} for more information on how the cost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
        extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost, documentation: RATE_LIMIT_DOCS },
      },
    ],
  };
}
