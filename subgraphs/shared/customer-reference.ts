import type { Identity } from '../../connectors/unified/identity.js';

/**
 * A Customer as a vendor subgraph receives it from the gateway: the key, and the identities the
 * `@requires` selection asked the customer subgraph for.
 */
export interface CustomerReference {
  id: string;
  identities?: readonly Identity[] | null;
}

/** The values of one identity kind the gateway passed along. */
export function identityValues(customer: CustomerReference, kind: Identity['kind']): string[] {
  return (customer.identities ?? []).filter((i) => i.kind === kind).map((i) => i.value);
}
