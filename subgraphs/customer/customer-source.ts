/** The store's source names (`google-ads`) as GraphQL enum values (`GOOGLE_ADS`), both ways. */
import { SOURCES, type Source } from '../../connectors/unified/identity.js';
import type { CustomerSource } from './__generated__/resolvers-types.js';

export const toCustomerSource = (source: Source): CustomerSource => source.toUpperCase().replace('-', '_') as CustomerSource;

export function fromCustomerSource(value: CustomerSource): Source {
  const source = SOURCES.find((s) => toCustomerSource(s) === value);
  if (!source) throw new Error(`No source for ${value}`);
  return source;
}
