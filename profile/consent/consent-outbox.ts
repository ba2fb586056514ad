/**
 * The durable outbox that carries consent changes and erasures to the vendors. The customer
 * subgraph records a change (PropagationStore.begin) and adds one dispatch job; the outbox worker
 * in the ingest service (ingest/consent-outbox.ts) turns it into one job per vendor that must hear
 * of it, and retries each until that vendor confirms. Jobs carry ids only, never identifiers:
 * the queue keeps finished jobs for a while, and an erased person must leave no trace there.
 */
import type { VendorName } from '../../connectors/unified/contracts.js';
import type { WriteBackSubject } from '../../connectors/unified/contracts.js';
import type { HubConfig } from '../../config/env.js';
import type { JobQueue, JobQueueFactory } from '../../platform/queue/job-queue.js';
import type { PropagationRequest, PropagationStore } from './propagation-store.js';

export const CONSENT_OUTBOX_QUEUE = 'consent-outbox';

/** Without `vendor`: decide which vendors must hear of the change (dispatch). With it: tell that vendor. */
export interface OutboxJob {
  propagationId: string;
  vendor?: VendorName;
}

export type ConsentOutboxQueue = JobQueue<OutboxJob>;

export function openConsentOutbox(queues: JobQueueFactory, config: Pick<HubConfig, 'consentOutbox'>): ConsentOutboxQueue {
  return queues.open<OutboxJob>(CONSENT_OUTBOX_QUEUE, config.consentOutbox);
}

/** One job id per (change, vendor), so a re-run dispatch never tells a vendor twice. */
export const vendorJobId = (propagationId: string, vendor: VendorName) => `${propagationId}:${vendor}`;

/** Records the change, then hands it to the outbox: from here on it reaches every vendor, across restarts. */
export async function requestPropagation(
  queue: ConsentOutboxQueue,
  store: PropagationStore,
  request: PropagationRequest,
  subject?: WriteBackSubject,
): Promise<void> {
  await store.begin(request, subject);
  await queue.add(request.id, { propagationId: request.id });
}
