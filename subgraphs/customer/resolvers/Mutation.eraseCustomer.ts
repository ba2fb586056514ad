/**
 * Erases a person from every vendor (through the outbox) and from the hub (at once); see
 * profile/consent/erase-customer.ts. What stays is the erasure receipt (ids and outcomes).
 */
import { GraphQLError } from 'graphql';
import { eraseCustomer as erase } from '../../../profile/consent/erase-customer.js';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';

export const eraseCustomer: MutationResolvers['eraseCustomer'] = async (_parent, { id }, { stores, outbox }) => {
  const receipt = id.trim() ? await erase({ stores, outbox }, id.trim()) : undefined;
  if (!receipt) throw new GraphQLError(`No customer with id ${JSON.stringify(id)}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'id' } });
  return { propagation: receipt };
};
