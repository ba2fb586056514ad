/**
 * Erases a person. Every vendor is told through the outbox (with the identifiers it needs, kept
 * only until every vendor has finished), then the hub's own data goes at once: the identity
 * store and every per-customer store. What stays is the erasure receipt (ids and outcomes).
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { requestPropagation } from '../../../profile/consent/consent-outbox.js';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';

export const eraseCustomer: MutationResolvers['eraseCustomer'] = async (_parent, { id }, { stores, outbox }) => {
  const customerId = id.trim();
  const customer = customerId ? await stores.identities.getCustomer(customerId) : undefined;
  if (!customer) throw new GraphQLError(`No customer with id ${JSON.stringify(id)}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'id' } });
  const erasureId = `era_${randomUUID()}`;
  await requestPropagation(
    outbox,
    stores.propagation,
    { id: erasureId, kind: 'erasure', customerId, requestedAt: new Date().toISOString() },
    { customerId, identities: customer.identities },
  );
  for (const store of stores.customerData) await store.erase(customerId);
  await stores.identities.eraseCustomer(customerId);
  return { propagation: (await stores.propagation.get(erasureId))! };
};
