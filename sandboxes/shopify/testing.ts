/**
 * Test support for the Shopify sandbox: a small store from the demo world and a GraphQL client
 * that goes through `app.inject`, so sandbox-only tests need no port.
 */
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { generateWorld } from '../demo-world/generate.js';
import type { DemoWorld } from '../demo-world/world.js';
import { createShopifySandbox, type ShopifySandbox, type ShopifySandboxOptions } from './app.js';
import { buildShopifyState } from './seed.js';

export const ADMIN_PATH = '/admin/api/2026-10/graphql.json';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
export type Json = any;

export interface TestShopify {
  world: DemoWorld;
  sandbox: ShopifySandbox;
  /** Posts a GraphQL document; returns the HTTP status and the parsed body. */
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; body: Json }>;
  action(path: string, body?: unknown): Promise<{ status: number; body: Json }>;
}

export function createTestShopify(
  options: Partial<Omit<ShopifySandboxOptions, 'state'>> & { people?: number; seed?: number } = {},
): TestShopify {
  const world = generateWorld({ seed: options.seed ?? 42, people: options.people ?? 40 });
  const sandbox = createShopifySandbox({ ...options, state: buildShopifyState(world) });
  return {
    world,
    sandbox,
    async gql(query, variables = {}, token = SANDBOX_CREDENTIALS.shopify.token) {
      const response = await sandbox.app.inject({
        method: 'POST',
        url: ADMIN_PATH,
        headers: { 'x-shopify-access-token': token, 'content-type': 'application/json' },
        payload: { query, variables },
      });
      return { status: response.statusCode, body: response.json() };
    },
    async action(path, body = {}) {
      const response = await sandbox.app.inject({ method: 'POST', url: `/__sandbox/actions/${path}`, payload: body as object });
      return { status: response.statusCode, body: response.json() };
    },
  };
}
