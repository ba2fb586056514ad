/**
 * Records a consent choice made through the hub: validated, appended to the ledger as source
 * `hub`, then handed to the outbox, which writes it back to every vendor holding the topic.
 * The ledger append comes first: once it is there, the hub itself honours the choice even if
 * no vendor has heard of it yet.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { ConsentRecord } from '../../../connectors/unified/consent.js';
import { requestPropagation } from '../../../profile/consent/consent-outbox.js';
import { deriveTopicState } from '../../../profile/consent/derive-consent.js';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { findCustomerById } from '../find-customer.js';
import { parseUpdateConsentInput } from '../update-consent-input.js';

export const updateConsent: MutationResolvers['updateConsent'] = async (_parent, args, { stores, outbox, caller }) => {
  const input = parseUpdateConsentInput(args.input);
  const customer = await findCustomerById(stores.identities, input.customerId);
  if (!customer) {
    throw new GraphQLError(`No customer with id ${input.customerId}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'input.customerId' } });
  }
  const at = new Date().toISOString();
  const changeId = `chg_${randomUUID()}`;
  const record: ConsentRecord = {
    id: `hub:${changeId}:${input.topic}:${at}`,
    topic: input.topic,
    status: input.status,
    source: 'hub',
    occurredAt: at,
    method: input.method,
    ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
    evidence: {
      ...Object.fromEntries((input.evidence ?? []).map((e) => [e.key, e.value])),
      ...(caller ? { 'hub.client': caller.client } : {}),
    },
    identities: customer.identities,
  };
  await stores.consent.appendConsents(customer.id, [record]);
  await requestPropagation(outbox, stores.propagation, {
    id: changeId,
    kind: 'consent',
    customerId: customer.id,
    topic: input.topic,
    status: input.status,
    recordId: record.id,
    requestedAt: at,
  });
  return {
    record,
    consent: deriveTopicState(input.topic, await stores.consent.history(customer.id, input.topic)),
    propagation: (await stores.propagation.get(changeId))!,
  };
};
