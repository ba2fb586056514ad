/**
 * A Meta sandbox listening on a real port, and the connection a Meta connector needs to reach it:
 * connector tests talk to the vendor over HTTP exactly as they would to graph.facebook.com.
 */
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import type { DemoWorld } from '../../sandboxes/demo-world/world.js';
import { createMetaSandbox, type MetaSandboxOptions } from '../../sandboxes/meta/app.js';
import { buildMetaState } from '../../sandboxes/meta/state.js';

export async function startMetaSandbox(options: Partial<MetaSandboxOptions> & { world?: DemoWorld } = {}) {
  const world = options.world ?? generateWorld({ seed: 42, people: 40 });
  const sandbox = createMetaSandbox({ state: buildMetaState(world), ...options });
  const url = await sandbox.app.listen({ host: '127.0.0.1', port: 0 });
  const connection = {
    target: 'sandbox' as const,
    baseUrl: url,
    credential: SANDBOX_CREDENTIALS.meta.token,
    webhookSecret: SANDBOX_CREDENTIALS.meta.webhookSecret as string | undefined,
    apiVersion: 'v26.0',
    adAccountId: SANDBOX_CREDENTIALS.meta.adAccountId,
    pageId: SANDBOX_CREDENTIALS.meta.pageId,
    verifyToken: SANDBOX_CREDENTIALS.meta.verifyToken,
  };
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}/__sandbox${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk admin JSON freely
    return (await response.json()) as any;
  };
  const calls = () => [...sandbox.calls.values()].reduce((a, b) => a + b, 0);
  return { sandbox, world, url, connection, admin, calls, close: () => sandbox.app.close() };
}

/** A connector runtime with no Redis and a short timeout. */
export const TEST_RUNTIME = { timeoutMs: 2000 };
