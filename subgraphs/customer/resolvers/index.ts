import type { Resolvers } from '../__generated__/resolvers-types.js';
import { ConsentRecord } from './ConsentRecord.js';
import { ConsentState } from './ConsentState.js';
import { Customer } from './Customer.js';
import { DateTime } from './DateTime.js';
import { Identity } from './Identity.js';
import { eraseCustomer } from './Mutation.eraseCustomer.js';
import { updateConsent } from './Mutation.updateConsent.js';
import { Propagation, VendorPropagation } from './Propagation.js';
import { customer } from './Query.customer.js';
import { customers } from './Query.customers.js';
import { TimelineEvent } from './TimelineEvent.js';
import { TimelineEventDetails } from './TimelineEventDetails.js';
import { propagation } from './Query.propagation.js';

export const resolvers: Resolvers = {
  Query: { customer, customers, propagation },
  Mutation: { updateConsent, eraseCustomer },
  Customer,
  Identity,
  DateTime,
  TimelineEvent,
  TimelineEventDetails,
  ConsentState,
  ConsentRecord,
  Propagation,
  VendorPropagation,
};
