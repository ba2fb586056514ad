import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Customer } from './Customer.js';
import { Identity } from './Identity.js';
import { IdentityConflict, IdentityMerge } from './IdentityHistory.js';
import { customer } from './Query.customer.js';
import { customers } from './Query.customers.js';
import { identityConflicts } from './Query.identityConflicts.js';

export const resolvers: Resolvers = {
  Query: { customer, customers, identityConflicts },
  Customer,
  Identity,
  IdentityMerge,
  IdentityConflict,
};
