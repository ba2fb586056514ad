import type { CustomerResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';
import { decisionShape, frequencyShape, WINDOW_MS } from '../frequency-shapes.js';

export const frequency: CustomerResolvers['frequency'] = async (customer, args, { frequency }) => {
  const window = args.window ?? 'LAST_24_HOURS';
  return frequencyShape(window, await frequency.frequency(customer.id, WINDOW_MS[window]));
};

export const contactability: CustomerResolvers['contactability'] = async (customer, args, { frequency }) =>
  decisionShape(await frequency.contactability(customer, args.channel));

/** Query.contactability: the same decision by id, UNKNOWN_CUSTOMER when nobody has it. */
export const contactabilityById: QueryResolvers['contactability'] = async (_parent, args, { stores, frequency }) => {
  const customer = await stores.identities.getCustomer(args.customerId);
  return decisionShape(customer ? await frequency.contactability(customer, args.channel) : frequency.unknownCustomer(args.channel));
};
