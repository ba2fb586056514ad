/**
 * Shopify Admin GraphQL emulator: `POST /admin/api/{version}/graphql.json` with
 * `X-Shopify-Access-Token`, a hand-written schema subset, Relay paging, and the calculated
 * query cost on every response (with `THROTTLED` when the bucket is empty).
 * @see https://shopify.dev/docs/api/admin-graphql
 */
import { readFileSync } from 'node:fs';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, getOperationAST, parse, validate, type DocumentNode } from 'graphql';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { createSandboxApp, type SandboxApp } from '../kit/create-sandbox-app.js';
import type { SandboxControls } from '../kit/controls.js';
import { CostBucket, MAX_SINGLE_QUERY_COST, requestedQueryCost } from './cost.js';
import { createShopifyResolvers } from './resolvers.js';
import type { ShopifyState } from './state.js';

const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
const RATE_LIMIT_DOCS = 'https://shopify.dev/api/usage/rate-limits';

export interface ShopifySandboxOptions {
  state: ShopifyState;
  controls?: Partial<SandboxControls>;
  token?: string;
  bucket?: CostBucket;
}

export function createShopifySandbox(options: ShopifySandboxOptions): SandboxApp & { bucket: CostBucket } {
  const token = options.token ?? SANDBOX_CREDENTIALS.shopify.token;
  const bucket = options.bucket ?? new CostBucket();
  const schema = makeExecutableSchema({ typeDefs, resolvers: createShopifyResolvers(options.state) });
  const sandbox = createSandboxApp({
    vendor: 'shopify',
    controls: options.controls,
    failure: (kind) => ({
      status: kind === 'outage' ? 503 : 500,
      body: { errors: kind === 'outage' ? 'Service Unavailable' : 'Internal Server Error' },
    }),
  });
  const { app, controls } = sandbox;

  app.post<{ Params: { version: string }; Body: { query?: string; variables?: Record<string, unknown> } }>(
    '/admin/api/:version/graphql.json',
    async (request, reply) => {
      if (request.headers['x-shopify-access-token'] !== token) {
        return reply
          .code(401)
          .send({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      }
      const { query, variables = {} } = request.body ?? {};
      let document: DocumentNode;
      try {
        document = parse(query ?? '');
      } catch (error) {
        return { errors: [{ message: (error as Error).message, extensions: { code: 'PARSE_ERROR' } }] };
      }
      const validationErrors = validate(schema, document);
      if (validationErrors.length > 0) return { errors: validationErrors.map((e) => e.toJSON()) };
      const operation = getOperationAST(document);
      if (!operation) return { errors: [{ message: 'An operation name is required' }] };

      const cost = requestedQueryCost(schema, operation, variables);
      if (cost > MAX_SINGLE_QUERY_COST) {
        return {
          errors: [
            {
              message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).`,
              extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost: MAX_SINGLE_QUERY_COST, documentation: RATE_LIMIT_DOCS },
            },
          ],
        };
      }
      if (controls.throttling && !bucket.take(cost)) {
        // Shopify throttles with HTTP 200: top-level errors, no data, the bucket state in extensions.
        return {
          errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: RATE_LIMIT_DOCS } }],
          extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: bucket.status() } },
        };
      }
      const result = await execute({ schema, document, variableValues: variables });
      return {
        ...result,
        extensions: { cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: bucket.status() } },
      };
    },
  );

  return { ...sandbox, bucket };
}
