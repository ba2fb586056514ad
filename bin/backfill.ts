/**
 * `npm run backfill -- --vendor all`: reads every vendor from the beginning into the store
 * (ingest/backfill-cli.ts). With REDIS_URL it fills the shared store and resumes after Ctrl-C;
 * without it, it fills a memory store (a dry run that shows the rate). Vendors with no real
 * credentials are read from sandboxes this command starts itself, on free ports.
 */
import { loadConfig, type HubConfig, type Vendor } from '../config/env.js';
import { createConnectors } from '../connectors/create-connectors.js';
import { parseBackfillArgs, runBackfillCli, UsageError } from '../ingest/backfill-cli.js';
import { createCheckpointStores } from '../ingest/checkpoints/checkpoint-store.js';
import { createStoreApplier } from '../ingest/store-applier.js';
import { createCache } from '../platform/cache/create-cache.js';
import { openConsentOutbox } from '../profile/consent/consent-outbox.js';
import { createStores } from '../profile/store/create-stores.js';
import { startSandboxes } from '../sandboxes/start.js';
import { withSandboxUrls } from './start-hub.js';

let args;
try {
  args = parseBackfillArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

const loaded = loadConfig();
// Free ports: a running `npm start` may hold the default sandbox ports.
const config: HubConfig = {
  ...loaded,
  sandboxes: { ...loaded.sandboxes, ports: Object.fromEntries(Object.keys(loaded.sandboxes.ports).map((v) => [v, 0])) as Record<Vendor, number> },
};
const stores = createStores(config);
// Vendor erasure requests met on the way are queued for the hub's outbox worker (with Redis).
const outbox = openConsentOutbox(stores.queues, config);
const sandboxes = await startSandboxes(config);
const controller = new AbortController();
const stop = () => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write('\nstopping after the current pages (Ctrl-C again to quit at once)...\n');
  controller.abort();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

let exitCode = 1;
try {
  const connectors = createConnectors(withSandboxUrls(config, sandboxes), { redis: stores.redis, audiences: stores.audiences, identities: stores.identities });
  const apply = createStoreApplier(stores, { config, cache: createCache(stores.redis, config.redis?.keyPrefix), outbox });
  const checkpoints = createCheckpointStores(stores.redis, config.redis?.keyPrefix)('backfill');
  process.stderr.write(`backfill into the ${stores.kind} store${sandboxes.length ? ` (sandboxes: ${sandboxes.map((s) => s.vendor).join(', ')})` : ''}\n`);
  // On no terminal (CI logs, a pipe) the lines are printed again every second instead of redrawn.
  const notTTYScheduleMs = process.stderr.isTTY ? undefined : 1000;
  const result = await runBackfillCli(args, { connectors, checkpoints, apply, signal: controller.signal, notTTYScheduleMs });
  const customers = await stores.identities.countCustomers();
  const failed = result.vendors.filter((v) => v.error);
  process.stderr.write(
    result.complete
      ? `backfill complete: ${customers} customers in the store\n`
      : failed.length > 0
        ? `backfill incomplete: ${failed.map((v) => v.vendor).join(', ')} failed; run again to resume\n`
        : 'backfill stopped; run the same command again to resume\n',
  );
  exitCode = result.complete ? 0 : failed.length > 0 ? 1 : 130;
} finally {
  for (const sandbox of sandboxes) await sandbox.close();
  await outbox.close();
  await stores.close();
}
process.exit(exitCode);
