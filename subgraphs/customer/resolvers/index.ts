import type { Resolvers } from '../__generated__/resolvers-types.js';
import { ConsentRecord } from './ConsentRecord.js';
import { ConsentState } from './ConsentState.js';
import { Customer } from './Customer.js';
import { contactability, contactabilityById, frequency } from './Customer.frequency.js';
import { DateTime } from './DateTime.js';
import { Identity } from './Identity.js';
import { confirmTouch, releaseTouch, reserveTouch } from './Mutation.touches.js';
import { IdentityConflict, IdentityMerge } from './IdentityHistory.js';
import { eraseCustomer } from './Mutation.eraseCustomer.js';
import { updateConsent } from './Mutation.updateConsent.js';
import { Propagation, VendorPropagation } from './Propagation.js';
import { customer } from './Query.customer.js';
import { customers } from './Query.customers.js';
import { identityConflicts } from './Query.identityConflicts.js';
import { propagation } from './Query.propagation.js';
import { TimelineEvent } from './TimelineEvent.js';
import { TimelineEventDetails } from './TimelineEventDetails.js';

export const resolvers: Resolvers = {
  Query: { customer, customers, identityConflicts, propagation, contactability: contactabilityById },
  Mutation: { updateConsent, eraseCustomer, reserveTouch, confirmTouch, releaseTouch },
  Customer: { ...Customer, frequency, contactability },
  Identity,
  IdentityMerge,
  IdentityConflict,
  DateTime,
  TimelineEvent,
  TimelineEventDetails,
  ConsentState,
  ConsentRecord,
  Propagation,
  VendorPropagation,
};
