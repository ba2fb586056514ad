import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Customer } from './Customer.js';
import { contactability, contactabilityById, frequency } from './Customer.frequency.js';
import { Identity } from './Identity.js';
import { customer } from './Query.customer.js';
import { customers } from './Query.customers.js';
import { confirmTouch, releaseTouch, reserveTouch } from './Mutation.touches.js';

export const resolvers: Resolvers = {
  Query: { customer, customers, contactability: contactabilityById },
  Mutation: { reserveTouch, confirmTouch, releaseTouch },
  Customer: { ...Customer, frequency, contactability },
  Identity,
};
