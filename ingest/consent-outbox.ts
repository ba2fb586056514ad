/**
 * The outbox worker: takes consent changes and erasures from the `consent-outbox` queue and
 * writes them back to each vendor (connectors' VendorWriteBack), recording every vendor's
 * progress in the PropagationStore. A vendor that is down (a retryable VendorError) is retried
 * with the queue's backoff until it confirms; a vendor that refuses for good (a non-retryable
 * error), or one still failing after the last try, becomes a dead letter and `failed`, reason kept.
 */
import type { HubConfig } from '../config/env.js';
import type { Connectors } from '../connectors/create-connectors.js';
import { isVendorError } from '../connectors/http/errors.js';
import type { VendorWriteBack, WriteBackResult, WriteBackSubject } from '../connectors/unified/contracts.js';
import type { Logger } from '../platform/logger.js';
import { PermanentJobError, reasonOf } from '../platform/queue/errors.js';
import type { Job } from '../platform/queue/job-queue.js';
import type { RunningService } from '../platform/service.js';
import { openConsentOutbox, vendorJobId, type ConsentOutboxQueue, type OutboxJob } from '../profile/consent/consent-outbox.js';
import { isSettled, type Propagation, type PropagationStore } from '../profile/consent/propagation-store.js';
import type { IdentityStore } from '../profile/store/identity-store.js';
import type { Stores } from '../profile/store/create-stores.js';

export interface ConsentOutboxDependencies {
  config: Pick<HubConfig, 'consentOutbox'>;
  connectors: Connectors;
  stores: Pick<Stores, 'queues' | 'propagation' | 'identities'>;
  logger: Logger;
}

export function writeBacksOf(connectors: Connectors): VendorWriteBack[] {
  const all = [connectors.hubspot.writeBack, connectors.shopify.writeBack, connectors.klaviyo.writeBack, connectors.meta.writeBack, connectors.googleAds.writeBack];
  return all.filter((w): w is VendorWriteBack => w !== undefined);
}

/** The vendors a change must reach: every vendor holding the topic (consent), or every vendor (erasure). */
export const targetsOf = (p: Propagation, writeBacks: readonly VendorWriteBack[]) =>
  writeBacks.filter((w) => p.kind === 'erasure' || (p.topic !== undefined && w.topics.includes(p.topic)));

/** Why a try failed, in words safe to store and show: the vendor error's code and message, never the subject. */
const errorText = (error: unknown) => (isVendorError(error) ? `${error.code}: ${error.message}` : reasonOf(error));

export function createOutboxHandler(deps: {
  queue: ConsentOutboxQueue;
  writeBacks: readonly VendorWriteBack[];
  propagation: PropagationStore;
  identities: IdentityStore;
  maxAttempts: number;
  now?: () => Date;
}) {
  const now = () => (deps.now?.() ?? new Date()).toISOString();

  async function dispatch(p: Propagation): Promise<void> {
    const targets = targetsOf(p, deps.writeBacks);
    await deps.propagation.dispatch(p.id, targets.map((t) => t.vendor), now());
    for (const target of targets) await deps.queue.add(vendorJobId(p.id, target.vendor), { propagationId: p.id, vendor: target.vendor });
    await settle(p.id);
  }

  /**
   * An erasure's identifiers are dropped as soon as no vendor needs them any more. A vendor that
   * failed still does (an operator retries its dead letter once the cause is fixed), so they stay.
   */
  async function settle(id: string): Promise<void> {
    const p = await deps.propagation.get(id);
    if (p?.kind === 'erasure' && isSettled(p) && p.vendors.every((v) => v.state !== 'failed')) await deps.propagation.dropSubject(id);
  }

  async function subjectOf(p: Propagation): Promise<WriteBackSubject | undefined> {
    if (p.kind === 'erasure') return deps.propagation.subjectOf(p.id);
    const customer = await deps.identities.getCustomer(p.customerId);
    return customer && { customerId: customer.id, identities: customer.identities };
  }

  async function tell(p: Propagation, writeBack: VendorWriteBack, job: Job<OutboxJob>): Promise<void> {
    const base = { vendor: writeBack.vendor, attempts: job.attempt };
    // A duplicate run (at-least-once) of a try the vendor already confirmed changes nothing.
    const current = p.vendors.find((v) => v.vendor === writeBack.vendor)?.state;
    if (current === 'applied' || current === 'not_held') return;
    const subject = await subjectOf(p);
    if (!subject) {
      await deps.propagation.update(p.id, { ...base, state: 'not_held', detail: 'the hub no longer holds this person', updatedAt: now() });
      return settle(p.id);
    }
    let result: WriteBackResult;
    try {
      result = p.kind === 'erasure' ? await writeBack.erase(subject) : await writeBack.applyConsent(subject, p.topic!, p.status!);
    } catch (error) {
      const retryable = isVendorError(error) ? error.retryable : true;
      const final = !retryable || job.attempt >= deps.maxAttempts;
      await deps.propagation.update(p.id, { ...base, state: final ? 'failed' : 'pending', lastError: errorText(error), updatedAt: now() });
      if (final) await settle(p.id);
      if (!retryable) throw new PermanentJobError(`${writeBack.vendor} refused: ${errorText(error)}`, { cause: error });
      throw error;
    }
    await deps.propagation.update(p.id, { ...base, state: result.outcome, detail: result.detail, updatedAt: now() });
    await settle(p.id);
  }

  return async (job: Job<OutboxJob>): Promise<void> => {
    const p = await deps.propagation.get(job.data.propagationId);
    // Gone: the customer was erased after this change was made; the erasure reaches every vendor itself.
    if (!p) return;
    if (job.data.vendor === undefined) return dispatch(p);
    const writeBack = deps.writeBacks.find((w) => w.vendor === job.data.vendor);
    if (!writeBack) {
      await deps.propagation.update(p.id, { vendor: job.data.vendor, state: 'not_held', attempts: job.attempt, detail: 'no write-back configured for this vendor', updatedAt: now() });
      return settle(p.id);
    }
    return tell(p, writeBack, job);
  };
}

/** Starts the worker on the hub's queue factory; closing it lets running tries finish. */
export function startConsentOutbox(deps: ConsentOutboxDependencies): RunningService {
  const queue = openConsentOutbox(deps.stores.queues, deps.config);
  const handler = createOutboxHandler({
    queue,
    writeBacks: writeBacksOf(deps.connectors),
    propagation: deps.stores.propagation,
    identities: deps.stores.identities,
    maxAttempts: deps.config.consentOutbox.maxAttempts,
  });
  queue.process(handler, {
    concurrency: 4,
    onDeadLetter: (dead) => deps.logger.warn({ job: dead.id, attempts: dead.attempts, reason: dead.reason }, 'consent outbox gave up on a vendor'),
  });
  return { name: 'consent-outbox', url: deps.stores.queues.kind, close: () => queue.close() };
}
