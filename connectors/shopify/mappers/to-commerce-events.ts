/**
 * Orders and checkouts as timeline events. Ids are stable across webhook and sync (the order's
 * GID; the checkout's token), so the same purchase arriving both ways is stored once.
 * Summaries name no person, email or phone.
 */
import type { UnifiedEvent } from '../../unified/event.js';
import { utc, type CheckoutFacts, type OrderFacts } from './facts.js';
import { identitiesOf } from './identities.js';

const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;

export function toOrderPlacedEvent(order: OrderFacts): UnifiedEvent {
  return {
    id: `shopify:order:${order.orderId}`,
    source: 'shopify',
    channel: 'COMMERCE',
    type: 'ORDER_PLACED',
    occurredAt: utc(order.processedAt),
    identities: identitiesOf(order),
    summary: `Order ${order.name} placed: ${items(order.itemCount)}, ${order.total.amount} ${order.total.currencyCode}`,
    details: {
      kind: 'order',
      orderId: order.orderId,
      orderName: order.name,
      total: order.total,
      itemCount: order.itemCount,
      ...(order.landingSite ? { landingSite: order.landingSite } : {}),
    },
  };
}

export function toCheckoutStartedEvent(checkout: CheckoutFacts): UnifiedEvent {
  return {
    id: `shopify:checkout:${checkout.token}:started`,
    source: 'shopify',
    channel: 'COMMERCE',
    type: 'CHECKOUT_STARTED',
    occurredAt: utc(checkout.createdAt),
    identities: identitiesOf(checkout),
    summary: `Checkout started: ${items(checkout.itemCount)}, ${checkout.total.amount} ${checkout.total.currencyCode}`,
    details: { kind: 'checkout', checkoutId: checkout.token, total: checkout.total },
  };
}

/**
 * Shopify lists a checkout as abandoned without saying when it was left: the buyer's last
 * activity is its update time, unless it was recovered later (then its creation is the best bound).
 */
export function toCheckoutAbandonedEvent(checkout: CheckoutFacts): UnifiedEvent {
  return {
    id: `shopify:checkout:${checkout.token}:abandoned`,
    source: 'shopify',
    channel: 'COMMERCE',
    type: 'CHECKOUT_ABANDONED',
    occurredAt: utc(checkout.completedAt ? checkout.createdAt : checkout.updatedAt),
    identities: identitiesOf(checkout),
    summary: `Checkout abandoned${checkout.completedAt ? ', later recovered' : ''}: ${items(checkout.itemCount)}, ${checkout.total.amount} ${checkout.total.currencyCode}`,
    details: {
      kind: 'checkout',
      checkoutId: checkout.token,
      total: checkout.total,
      ...(checkout.recoveryUrl && !checkout.completedAt ? { recoveryUrl: checkout.recoveryUrl } : {}),
    },
  };
}

export function toProfileCreatedEvent(customer: { customerId: string; email: string | null; phone: string | null; createdAt: string }): UnifiedEvent {
  return {
    id: `shopify:customer:${customer.customerId}:created`,
    source: 'shopify',
    channel: 'COMMERCE',
    type: 'PROFILE_CREATED',
    occurredAt: utc(customer.createdAt),
    identities: identitiesOf(customer),
    summary: 'Shopify customer account created',
    details: { kind: 'profile' },
  };
}
