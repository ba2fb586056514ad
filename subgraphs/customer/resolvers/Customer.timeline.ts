/**
 * `Customer.timeline`: one page of the person's events plus the filtered total. Arguments are
 * checked here (the page bound) and in the store (cursor, time window); either refusal is a
 * BAD_USER_INPUT error naming the argument, and reading changes nothing.
 */
import { GraphQLError } from 'graphql';
import { TimelineQueryError } from '../../../profile/timeline/timeline-query-error.js';
import type { TimelineFilter } from '../../../profile/timeline/timeline-store.js';
import type { CustomerResolvers } from '../__generated__/resolvers-types.js';

export const MAX_TIMELINE_PAGE = 100;

export const timeline: CustomerResolvers['timeline'] = async (customer, args, { stores }) => {
  const first = args.first ?? 20;
  if (first < 0 || first > MAX_TIMELINE_PAGE) throw badInput('first', `first must be between 0 and ${MAX_TIMELINE_PAGE}.`);
  const filter: TimelineFilter = { channels: args.channels, types: args.types, since: args.since, until: args.until };
  try {
    const [page, totalCount] = await Promise.all([
      stores.timeline.page(customer.id, { ...filter, first, after: args.after, order: args.order }),
      stores.timeline.count(customer.id, filter),
    ]);
    return { ...page, totalCount };
  } catch (error) {
    if (error instanceof TimelineQueryError) throw badInput(error.argument, error.message);
    throw error;
  }
};

const badInput = (argument: string, message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
