/**
 * The vendor-neutral facts the mappers work from. Shopify says the same things two ways (GraphQL
 * objects in camelCase with GIDs; REST-shaped webhook bodies in snake_case with numeric ids),
 * so each source is first read into these shapes (from-graphql.ts, from-webhook.ts) and every
 * unified record is built from them once.
 */
export interface Money {
  amount: string;
  currencyCode: string;
}

export interface CustomerFacts {
  customerId: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ConsentFacts {
  customerId: string;
  channel: 'email' | 'sms';
  /** The address the choice is about (email or phone), as Shopify holds it. */
  address: string | null;
  /** Shopify's state, upper case (SUBSCRIBED, PENDING, REDACTED, ...). */
  state: string;
  optInLevel: string | null;
  updatedAt: string | null;
  collectedFrom: string | null;
  /** When the state holds from if Shopify gives no date (NOT_SUBSCRIBED since the customer exists). */
  since: string;
}

export interface OrderFacts {
  orderId: string;
  name: string;
  customerId: string | null;
  email: string | null;
  processedAt: string;
  total: Money;
  itemCount: number;
  /** The storefront landing path or URL of the buying session (it carries a gclid after a Google ad). */
  landingSite: string | null;
}

export interface CheckoutFacts {
  /** The checkout token, shared by GraphQL (in the recovery URL) and webhooks. */
  token: string;
  customerId: string | null;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  total: Money;
  itemCount: number;
  recoveryUrl: string | null;
}

/** Money with at least two decimals ("147.0" → "147.00"), never through a float. */
export function money(amount: string, currencyCode: string): Money {
  const [whole, fraction = ''] = amount.split('.');
  return { amount: `${whole}.${fraction.padEnd(2, '0')}`, currencyCode };
}

/** Any ISO 8601 instant with an offset, as UTC with milliseconds (the unified records' form). */
export const utc = (instant: string) => new Date(instant).toISOString();
