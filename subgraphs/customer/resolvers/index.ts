import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Customer } from './Customer.js';
import { contactability, contactabilityById, frequency } from './Customer.frequency.js';
import { DateTime } from './DateTime.js';
import { Identity } from './Identity.js';
import { confirmTouch, releaseTouch, reserveTouch } from './Mutation.touches.js';
import { customer } from './Query.customer.js';
import { customers } from './Query.customers.js';
import { TimelineEvent } from './TimelineEvent.js';
import { TimelineEventDetails } from './TimelineEventDetails.js';

export const resolvers: Resolvers = {
  Query: { customer, customers, contactability: contactabilityById },
  Mutation: { reserveTouch, confirmTouch, releaseTouch },
  Customer: { ...Customer, frequency, contactability },
  Identity,
  DateTime,
  TimelineEvent,
  TimelineEventDetails,
};
