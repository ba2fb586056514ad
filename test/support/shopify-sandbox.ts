/**
 * A Shopify sandbox listening on loopback (port 0) and a connector client pointed at it, for
 * connector tests that must go over real HTTP.
 */
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { createShopifyClient, type ShopifyClient } from '../../connectors/shopify/client.js';
import type { HttpOverrides } from '../../connectors/shopify/graphql.js';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import type { DemoWorld } from '../../sandboxes/demo-world/world.js';
import { createShopifySandbox, type ShopifySandbox, type ShopifySandboxOptions } from '../../sandboxes/shopify/app.js';
import { buildShopifyState } from '../../sandboxes/shopify/seed.js';

export interface RunningShopify {
  world: DemoWorld;
  sandbox: ShopifySandbox;
  baseUrl: string;
  connection: { target: 'sandbox'; baseUrl: string; credential: string; webhookSecret: string; apiVersion: string };
  /** A client with its own rate governor (a fresh account key per sandbox port). */
  client(overrides?: HttpOverrides, options?: { credential?: string; timeoutMs?: number }): ShopifyClient;
  /** Runs a store action (`/__sandbox/actions/{path}`), which sends Shopify's webhooks. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
  action(path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** GraphQL operations the sandbox served, by name. */
  operations(): Record<string, number>;
  close(): Promise<void>;
}

export async function startShopifySandbox(
  options: Partial<Omit<ShopifySandboxOptions, 'state'>> & { people?: number; seed?: number } = {},
): Promise<RunningShopify> {
  const world = generateWorld({ seed: options.seed ?? 42, people: options.people ?? 40 });
  const sandbox = createShopifySandbox({ ...options, state: buildShopifyState(world) });
  const baseUrl = await sandbox.app.listen({ host: '127.0.0.1', port: 0 });
  const connection = {
    target: 'sandbox' as const,
    baseUrl,
    credential: SANDBOX_CREDENTIALS.shopify.token,
    webhookSecret: SANDBOX_CREDENTIALS.shopify.webhookSecret,
    apiVersion: '2026-10',
  };
  const clients: ShopifyClient[] = [];
  return {
    world,
    sandbox,
    baseUrl,
    connection,
    client(overrides = {}, { credential = connection.credential, timeoutMs = 2000 } = {}) {
      const client = createShopifyClient(
        { ...connection, credential },
        { timeoutMs },
        { breaker: false, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 2000 }, ...overrides },
      );
      clients.push(client);
      return client;
    },
    async action(path, body = {}) {
      const response = await fetch(`${baseUrl}/__sandbox/actions/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    operations: () => Object.fromEntries(sandbox.operations),
    async close() {
      for (const client of clients) client.close();
      await sandbox.app.close();
    },
  };
}
