/**
 * The ingest service: at start it backfills identities through the connectors; it answers
 * `/healthz`. Webhooks, the queue and the sync scheduler arrive with the profile issue.
 */
import Fastify from 'fastify';
import type { HubConfig } from '../config/env.js';
import type { Connectors } from '../connectors/create-connectors.js';
import type { Logger } from '../platform/logger.js';
import type { RunningService } from '../platform/service.js';
import type { Stores } from '../profile/store/create-stores.js';
import { backfillIdentities, type BackfillReport } from './backfill-identities.js';
import { startConsentOutbox } from './consent-outbox.js';

export interface IngestDependencies {
  config: HubConfig;
  connectors: Connectors;
  stores: Stores;
  logger: Logger;
}

export async function startIngest(deps: IngestDependencies): Promise<RunningService & { backfill: BackfillReport[] }> {
  const backfill = await backfillIdentities(deps.connectors, deps.stores.identities, deps.logger);
  deps.logger.info({ backfill }, 'identity backfill done');

  const app = Fastify({ logger: false });
  // Consent and erasure write-back to every vendor, retried until each confirms (ingest/consent-outbox.ts).
  const consentOutbox = startConsentOutbox(deps);
  app.addHook('onClose', () => consentOutbox.close());
  app.get('/healthz', async () => ({ status: 'ok' }));
  const url = await app.listen({ host: deps.config.host, port: deps.config.ingest.port });
  return { name: 'ingest', url, backfill, close: () => app.close() };
}
