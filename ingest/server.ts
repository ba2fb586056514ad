/**
 * The ingest service: fills the store from the vendors and keeps it current.
 *  - at start, before it listens, every person (the identity backfill), then a first sync of the
 *    vendors through applyBatch within a time budget (INGEST_STARTUP_BACKFILL, _BUDGET_MS);
 *  - `POST /webhooks/{vendor}`: verified, queued durably, answered 202; a worker applies them;
 *  - a scheduler running every vendor's incremental sync on an interval;
 *  - `/admin/dead-letters` for deliveries that could not be applied; `/healthz`;
 *  - the consent/erasure outbox worker (ingest/consent-outbox.ts);
 *  - the estimated ad-exposure feed into the frequency touch log (ingest/exposure), on its interval.
 */
import Fastify from 'fastify';
import type { HubConfig } from '../config/env.js';
import type { Connectors } from '../connectors/create-connectors.js';
import type { Cache } from '../platform/cache/cache.js';
import type { Logger } from '../platform/logger.js';
import type { JobQueue } from '../platform/queue/job-queue.js';
import type { RunningService } from '../platform/service.js';
import { openConsentOutbox } from '../profile/consent/consent-outbox.js';
import type { Stores } from '../profile/store/create-stores.js';
import { registerAdminRoutes } from './admin-routes.js';
import type { ApplyBatch } from './apply-batch.js';
import { backfillIdentities, type BackfillReport } from './backfill-identities.js';
import { createCheckpointStores, type CheckpointStores } from './checkpoints/checkpoint-store.js';
import { startConsentOutbox } from './consent-outbox.js';
import { ExposureFeed } from './exposure/exposure-feed.js';
import { googleAdsExposureSource, metaExposureSource } from './exposure/exposure-sources.js';
import { createStoreApplier } from './store-applier.js';
import { SyncScheduler, type SyncRunReport } from './sync/sync-scheduler.js';
import { vendorSyncsOf } from './sync/vendor-syncs.js';
import { WebhookWorker } from './webhook-worker.js';
import { webhookHandlersOf } from './webhooks/webhook-handlers.js';
import { WEBHOOK_QUEUE, type WebhookJob } from './webhooks/webhook-job.js';
import { registerWebhookRoutes } from './webhooks/webhook-routes.js';

export interface IngestDependencies {
  config: HubConfig;
  connectors: Connectors;
  stores: Stores;
  logger: Logger;
  /** The vendor-read cache the subgraphs share: changed records are dropped from it. */
  cache?: Cache;
}

export interface RunningIngest extends RunningService {
  /** What the start-up backfill did, per vendor. */
  backfill: SyncRunReport[] | BackfillReport[];
  queue: JobQueue<WebhookJob>;
  worker: WebhookWorker;
  scheduler: SyncScheduler;
  /** Estimated Meta / Google Ads exposure into the touch log (tests call `exposure.run()`). */
  exposure: ExposureFeed;
  checkpoints: CheckpointStores;
  apply: ApplyBatch;
}

/**
 * Vendors the start-up backfill leaves to the scheduler's first tick. Measured on the default demo
 * world (40 people): the other four vendors' first sync takes ~150 ms together; Google Ads's click
 * sync reads one report per day of its 90-day horizon (~8 s), too slow to hold `npm start` for.
 * Bigger worlds are bounded by INGEST_STARTUP_BUDGET_MS (200 people: Shopify's cost throttle alone
 * takes ~19 s); what the budget cuts off, the scheduler's first tick reads on from the checkpoints.
 */
const LEFT_TO_THE_SCHEDULER = ['google-ads'] as const;

export async function startIngest(deps: IngestDependencies): Promise<RunningIngest> {
  const { config, connectors, stores, logger } = deps;
  const settings = config.ingest;
  const queue = stores.queues.open<WebhookJob>(WEBHOOK_QUEUE, settings.queue);
  // Vendor erasure requests (Shopify customers/redact, HubSpot privacy deletion) go out through it.
  const outbox = openConsentOutbox(stores.queues, config);
  const apply = createStoreApplier(stores, { config, cache: deps.cache, logger, outbox });
  const checkpoints = createCheckpointStores(stores.redis, config.redis?.keyPrefix);
  const scheduler = new SyncScheduler({
    syncs: vendorSyncsOf(connectors),
    checkpoints: checkpoints('sync'),
    apply,
    intervalMs: settings.syncIntervalMs,
    logger,
  });
  const exposure = new ExposureFeed({
    sources: [metaExposureSource(connectors.meta.client), googleAdsExposureSource(connectors.googleAds.client)],
    ledger: stores.audiences,
    touches: stores.touches,
    intervalMs: settings.exposureIntervalMs,
    firstRunDays: settings.exposureFirstRunDays,
    logger,
  });
  const handlers = webhookHandlersOf(connectors);
  const worker = new WebhookWorker({ queue, handlers, apply, logger });
  const closeQueues = async () => {
    await queue.close();
    await outbox.close();
  };

  try {
    const started = Date.now();
    // Every person first, whatever the budget (a quick list read per vendor): lookups by any
    // identifier work from the first request; then as much of the full sync as the budget allows.
    const identities = settings.startupBackfill === 'off' ? [] : await backfillIdentities(connectors, stores.identities, logger);
    const backfill =
      settings.startupBackfill === 'full'
        ? await scheduler.tick(LEFT_TO_THE_SCHEDULER, AbortSignal.timeout(settings.startupBudgetMs))
        : identities;
    logger.info({ backfill, mode: settings.startupBackfill, ms: Date.now() - started }, 'start-up backfill done');

    const app = Fastify({ logger: false, bodyLimit: settings.maxBodyBytes });
    // Consent and erasure write-back to every vendor, retried until each confirms (ingest/consent-outbox.ts).
    const consentOutbox = startConsentOutbox(deps);
    app.addHook('onClose', () => consentOutbox.close());
    app.get('/healthz', async () => ({ status: 'ok' }));
    await registerWebhookRoutes(app, { handlers, queue, maxBodyBytes: settings.maxBodyBytes, publicUrl: settings.publicUrl, logger });
    registerAdminRoutes(app, { queue, adminToken: settings.adminToken, mode: config.mode });
    const url = await app.listen({ host: config.host, port: settings.port });
    worker.start();
    scheduler.start();
    exposure.start();

    return {
      name: 'ingest',
      url,
      backfill,
      queue,
      worker,
      scheduler,
      exposure,
      checkpoints,
      apply,
      close: async () => {
        await app.close();
        await scheduler.close();
        await exposure.close();
        await worker.stop();
        await closeQueues();
      },
    };
  } catch (error) {
    await scheduler.close();
    await exposure.close();
    await closeQueues();
    throw error;
  }
}
