/**
 * The Shopify store the sandbox serves: customers, orders and abandoned checkouts, with the
 * indexes a 100,000-customer store needs (by id, by email, sorted views rebuilt only after a
 * change). Built from the demo world by seed.ts; changed by mutations and admin actions.
 */
export type EmailMarketingState = 'NOT_SUBSCRIBED' | 'PENDING' | 'SUBSCRIBED' | 'UNSUBSCRIBED' | 'REDACTED' | 'INVALID';
export type SmsMarketingState = 'NOT_SUBSCRIBED' | 'PENDING' | 'SUBSCRIBED' | 'UNSUBSCRIBED' | 'REDACTED';
export type OptInLevel = 'SINGLE_OPT_IN' | 'CONFIRMED_OPT_IN' | 'UNKNOWN';
export type ConsentCollectedFrom = 'SHOPIFY' | 'OTHER';

export interface EmailConsentRecord {
  state: EmailMarketingState;
  optInLevel: OptInLevel | null;
  updatedAt: string | null;
}

export interface SmsConsentRecord {
  state: SmsMarketingState;
  optInLevel: OptInLevel;
  updatedAt: string | null;
  collectedFrom: ConsentCollectedFrom | null;
}

export interface MailingAddressRecord {
  legacyId: string;
  firstName: string | null;
  lastName: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string;
  provinceCode: string;
  country: string;
  countryCode: 'US' | 'CA';
  zip: string;
  phone: string | null;
}

export interface ShopifyCustomerRecord {
  legacyId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  tags: string[];
  state: 'ENABLED' | 'DISABLED' | 'INVITED' | 'DECLINED';
  note: string | null;
  address: MailingAddressRecord | null;
  emailConsent: EmailConsentRecord | null;
  smsConsent: SmsConsentRecord | null;
  createdAt: string;
  updatedAt: string;
  /** Legacy ids of the customer's orders and abandoned checkouts, oldest first. */
  orderIds: string[];
  checkoutIds: string[];
  /** Set once the customer's personal data was erased (customerRequestDataErasure). */
  redactedAt: string | null;
}

export interface ShopifyLineItemRecord {
  legacyId: string;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: string;
}

export interface ShopifyOrderRecord {
  legacyId: string;
  name: string;
  customerId: string | null;
  email: string | null;
  createdAt: string;
  processedAt: string;
  updatedAt: string;
  currencyCode: 'USD';
  lineItems: ShopifyLineItemRecord[];
  total: string;
  /** The storefront path the buying session landed on (REST `landing_site`); carries a gclid from Google ads. */
  landingSite: string | null;
  checkoutToken: string | null;
}

/** The recovery email Shopify sends for an abandoned checkout (`email_state` search filter). */
export type CheckoutEmailState = 'sent' | 'not_sent' | 'scheduled' | 'suppressed';

export interface ShopifyCheckoutRecord {
  legacyId: string;
  token: string;
  /** The secret in the recovery link (`abandoned_checkout_url ...?key=`). */
  recoveryKey: string;
  customerId: string | null;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** Whether Shopify counts it as abandoned (it then appears in `abandonedCheckouts`). */
  abandoned: boolean;
  emailState: CheckoutEmailState;
  lineItems: ShopifyLineItemRecord[];
  total: string;
  currencyCode: 'USD';
}

export type Collection = 'customers' | 'orders' | 'checkouts';

export class ShopifyState {
  readonly customers = new Map<string, ShopifyCustomerRecord>();
  readonly orders = new Map<string, ShopifyOrderRecord>();
  readonly checkouts = new Map<string, ShopifyCheckoutRecord>();
  private readonly byEmail = new Map<string, string>();
  private readonly byToken = new Map<string, string>();
  /** Phone lowercased (as `phone:` compares) → ids of every customer holding it; phones need not be unique. */
  private readonly byPhone = new Map<string, Set<string>>();
  private readonly sorted = new Map<string, { version: number; items: unknown[] }>();
  private version = 0;
  private sequence = 0;

  constructor(
    readonly shopId: string,
    readonly shopDomain: string,
  ) {}

  /** Records a change: sorted views built before it are stale from now on. */
  touch(): void {
    this.version++;
  }

  addCustomer(customer: ShopifyCustomerRecord): void {
    this.customers.set(customer.legacyId, customer);
    if (customer.email) this.byEmail.set(customer.email.trim().toLowerCase(), customer.legacyId);
    this.indexPhone(customer);
    this.touch();
  }

  /** Changes a customer's phone, keeping the phone index right. */
  setPhone(customer: ShopifyCustomerRecord, phone: string | null): void {
    if (customer.phone) {
      const ids = this.byPhone.get(customer.phone.toLowerCase());
      ids?.delete(customer.legacyId);
      if (ids?.size === 0) this.byPhone.delete(customer.phone.toLowerCase());
    }
    customer.phone = phone;
    this.indexPhone(customer);
    this.touch();
  }

  private indexPhone(customer: ShopifyCustomerRecord): void {
    if (!customer.phone) return;
    const key = customer.phone.toLowerCase();
    const ids = this.byPhone.get(key);
    if (ids) ids.add(customer.legacyId);
    else this.byPhone.set(key, new Set([customer.legacyId]));
  }

  /** Every customer whose phone is exactly `phone` (ignoring case, as `phone:` does), in no particular order. */
  customersByPhone(phone: string): ShopifyCustomerRecord[] {
    return [...(this.byPhone.get(phone.toLowerCase()) ?? [])].map((id) => this.customers.get(id)!);
  }

  setEmail(customer: ShopifyCustomerRecord, email: string | null): void {
    if (customer.email) this.byEmail.delete(customer.email.trim().toLowerCase());
    customer.email = email;
    if (email) this.byEmail.set(email.trim().toLowerCase(), customer.legacyId);
    this.touch();
  }

  customerByEmail(email: string): ShopifyCustomerRecord | undefined {
    const id = this.byEmail.get(email.trim().toLowerCase());
    return id === undefined ? undefined : this.customers.get(id);
  }

  addOrder(order: ShopifyOrderRecord): void {
    this.orders.set(order.legacyId, order);
    if (order.customerId) this.customers.get(order.customerId)?.orderIds.push(order.legacyId);
    this.touch();
  }

  addCheckout(checkout: ShopifyCheckoutRecord): void {
    this.checkouts.set(checkout.legacyId, checkout);
    this.byToken.set(checkout.token, checkout.legacyId);
    if (checkout.customerId) this.customers.get(checkout.customerId)?.checkoutIds.push(checkout.legacyId);
    this.touch();
  }

  checkoutByToken(token: string): ShopifyCheckoutRecord | undefined {
    const id = this.byToken.get(token);
    return id === undefined ? undefined : this.checkouts.get(id);
  }

  /** A fresh numeric id above every seeded one, for records the sandbox creates. */
  nextId(base: number): string {
    this.sequence++;
    return String(base + this.sequence);
  }

  /** A collection sorted by `key`, rebuilt only when the store changed since the last build. */
  sortedView<T>(name: string, items: () => Iterable<T>, key: (item: T) => string): { item: T; key: string }[] {
    const cached = this.sorted.get(name);
    if (cached && cached.version === this.version) return cached.items as { item: T; key: string }[];
    const view = [...items()].map((item) => ({ item, key: key(item) }));
    view.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.sorted.set(name, { version: this.version, items: view });
    return view;
  }
}

export const GID = {
  customer: (legacyId: string) => `gid://shopify/Customer/${legacyId}`,
  order: (legacyId: string) => `gid://shopify/Order/${legacyId}`,
  lineItem: (legacyId: string) => `gid://shopify/LineItem/${legacyId}`,
  checkout: (legacyId: string) => `gid://shopify/AbandonedCheckout/${legacyId}`,
  checkoutLineItem: (legacyId: string) => `gid://shopify/AbandonedCheckoutLineItem/${legacyId}`,
  address: (legacyId: string) => `gid://shopify/MailingAddress/${legacyId}?model_name=CustomerAddress`,
  visit: (legacyId: string) => `gid://shopify/CustomerVisit/${legacyId}`,
} as const;

/** Splits a GID into its type and legacy id; undefined when the string is not a Shopify GID. */
export function parseGid(gid: string): { type: string; legacyId: string } | undefined {
  const match = /^gid:\/\/shopify\/(\w+)\/(\d+)(?:\?.*)?$/.exec(gid);
  return match ? { type: match[1]!, legacyId: match[2]! } : undefined;
}

/** Where a buyer resumes a checkout, in Shopify's format (`/{shop id}/checkouts/{token}/recover?key=`). */
export const recoveryUrl = (state: ShopifyState, checkout: ShopifyCheckoutRecord) =>
  `https://${state.shopDomain}/${state.shopId}/checkouts/${checkout.token}/recover?key=${checkout.recoveryKey}`;

export const money = (amount: number) => amount.toFixed(2);
