/**
 * Shopify Admin GraphQL emulator: `POST /admin/api/{version}/graphql.json` with
 * `X-Shopify-Access-Token`, a hand-written schema subset, Relay paging, and the calculated query
 * cost on every response: the requested cost must be in the bucket before a query runs
 * (`THROTTLED` with HTTP 200 otherwise), the unspent part is refunded after.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10
 * @see https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
 */
import { readFileSync } from 'node:fs';
import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  execute,
  getOperationAST,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import type { SandboxControls } from '../kit/controls.js';
import { createSandboxApp, type SandboxApp } from '../kit/create-sandbox-app.js';
import { registerShopifyActions } from './actions.js';
import { CostBucket } from './cost-bucket.js';
import { actualQueryCost, MAX_SINGLE_QUERY_COST, requestedQueryCost } from './cost.js';
import { invalidToken, maxCostExceeded, throttled } from './errors.js';
import { createShopifyResolvers } from './resolvers/index.js';
import type { ShopifyState } from './state.js';
import { createStoreEffects, type StoreEffects } from './store-effects.js';

const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
const API_VERSION = /^(\d{4}-(01|04|07|10)|unstable)$/;

export interface ShopifySandboxOptions {
  state: ShopifyState;
  controls?: Partial<SandboxControls>;
  token?: string;
  /** The app client secret that signs webhooks. */
  webhookSecret?: string;
  /** Where webhooks go (the hub's `/webhooks/shopify`); unset records them only. */
  webhookTarget?: string | undefined;
  /** The API version webhooks are serialized in. */
  webhookApiVersion?: string;
  bucket?: CostBucket;
  now?: () => number;
}

export interface ShopifySandbox extends SandboxApp {
  state: ShopifyState;
  bucket: CostBucket;
  effects: StoreEffects;
  /** GraphQL calls served, by operation name (or root fields when unnamed). */
  operations: Map<string, number>;
}

export function createShopifySandbox(options: ShopifySandboxOptions): ShopifySandbox {
  const token = options.token ?? SANDBOX_CREDENTIALS.shopify.token;
  const now = options.now ?? Date.now;
  const bucket = options.bucket ?? new CostBucket(2000, 100, now);
  const sandbox = createSandboxApp({
    vendor: 'shopify',
    controls: options.controls,
    webhookTarget: options.webhookTarget,
    failure: (kind) => ({
      status: kind === 'outage' ? 503 : 500,
      body: { errors: kind === 'outage' ? 'Service Unavailable' : 'Internal Server Error' },
    }),
  });
  const effects = createStoreEffects({
    state: options.state,
    webhooks: sandbox.webhooks,
    secret: options.webhookSecret ?? SANDBOX_CREDENTIALS.shopify.webhookSecret,
    apiVersion: options.webhookApiVersion ?? '2026-10',
    now,
  });
  const schema = makeExecutableSchema({ typeDefs, resolvers: createShopifyResolvers(options.state, effects, now) });
  const operations = new Map<string, number>();
  const { app, controls } = sandbox;

  // https://shopify.dev/docs/api/admin-graphql#endpoints
  app.post<{ Params: { version: string }; Body: { query?: string; variables?: Record<string, unknown>; operationName?: string } }>(
    '/admin/api/:version/graphql.json',
    async (request, reply) => {
      if (!API_VERSION.test(request.params.version)) return reply.code(404).send({ errors: 'Not Found' });
      if (request.headers['x-shopify-access-token'] !== token) return reply.code(401).send(invalidToken());
      reply.header('X-Shopify-API-Version', request.params.version);
      const { query, variables = {}, operationName } = request.body ?? {};
      let document: DocumentNode;
      try {
        document = parse(query ?? '');
      } catch (error) {
        return { errors: [{ message: (error as Error).message, extensions: { code: 'PARSE_ERROR' } }] };
      }
      const validationErrors = validate(schema, document);
      if (validationErrors.length > 0) return { errors: validationErrors.map((e) => e.toJSON()) };
      const operation = getOperationAST(document, operationName);
      if (!operation) return { errors: [{ message: 'An operation name is required when sending multiple operations.' }] };
      const label = operationLabel(operation);
      operations.set(label, (operations.get(label) ?? 0) + 1);

      const fragments = fragmentsOf(document);
      const requested = requestedQueryCost(schema, operation, variables, fragments);
      if (requested > MAX_SINGLE_QUERY_COST) return maxCostExceeded(requested, MAX_SINGLE_QUERY_COST);
      if (controls.throttling && !bucket.take(requested)) return throttled(requested, bucket.status());
      const result = await execute({ schema, document, variableValues: variables, operationName });
      const actual = actualQueryCost(schema, operation, variables, result.data, fragments);
      if (controls.throttling) bucket.refund(requested - actual);
      return {
        ...result,
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() } },
      };
    },
  );

  registerShopifyActions(app, options.state, effects);
  app.get('/__sandbox/operations', async () => Object.fromEntries(operations));
  app.delete('/__sandbox/operations', async () => {
    operations.clear();
    return {};
  });

  return { ...sandbox, state: options.state, bucket, effects, operations };
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

function operationLabel(operation: OperationDefinitionNode): string {
  if (operation.name) return operation.name.value;
  return operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '...')).join(',');
}
