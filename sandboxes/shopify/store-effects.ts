/**
 * Every change to the store together with the webhooks Shopify sends for it, signed and labelled
 * as Shopify does. One merchant or buyer action may send several topics; they share one
 * `X-Shopify-Event-Id`. Used by the GraphQL mutations and by the `/__sandbox/actions` routes.
 */
import { randomUUID } from 'node:crypto';
import type { WebhookDelivery, WebhookSender } from '../kit/webhook-sender.js';
import * as change from './changes.js';
import type { ShopifyCheckoutRecord, ShopifyCustomerRecord, ShopifyState, EmailConsentRecord, SmsConsentRecord } from './state.js';
import {
  checkoutPayload,
  customerPayload,
  emailConsentPayload,
  orderPayload,
  redactPayload,
  smsConsentPayload,
} from './webhook-payloads.js';
import { shopifyWebhookHeaders, signShopifyWebhook } from './webhook-signer.js';

export interface StoreEffectsOptions {
  state: ShopifyState;
  webhooks: WebhookSender;
  /** The app's client secret that signs deliveries. */
  secret: string;
  apiVersion: string;
  now: () => number;
}

export type StoreEffects = ReturnType<typeof createStoreEffects>;

/** The webhooks one action sends: labels at once, deliveries when answered. */
export interface Dispatch {
  eventId: string;
  webhooks: { topic: string; webhookId: string }[];
  sent: Promise<WebhookDelivery[]>;
}

const NOTHING_SENT = (): Dispatch => ({ eventId: '', webhooks: [], sent: Promise.resolve([]) });

export function createStoreEffects(options: StoreEffectsOptions) {
  const { state } = options;
  const pending = new Set<Promise<unknown>>();
  const at = () => new Date(options.now()).toISOString();

  /**
   * Signs one action's topics (sharing one event id) and sends them in order. The labels are
   * known at once; `sent` resolves when every delivery was answered or failed.
   */
  function deliver(topics: { topic: string; payload: unknown }[]): Dispatch {
    const eventId = randomUUID();
    const triggeredAt = at();
    const prepared = topics.map(({ topic, payload }) => {
      const body = JSON.stringify(payload);
      const webhookId = randomUUID();
      const headers = shopifyWebhookHeaders(
        { topic, shopDomain: state.shopDomain, apiVersion: options.apiVersion, webhookId, eventId, triggeredAt },
        signShopifyWebhook(options.secret, body),
      );
      return { topic, webhookId, headers, body };
    });
    const sent = (async () => {
      const deliveries: WebhookDelivery[] = [];
      for (const p of prepared) deliveries.push(await options.webhooks.send(p.topic, p.headers, p.body));
      return deliveries;
    })();
    pending.add(sent);
    void sent.finally(() => pending.delete(sent));
    return { eventId, webhooks: prepared.map(({ topic, webhookId }) => ({ topic, webhookId })), sent };
  }

  const customerUpdated = (customer: ShopifyCustomerRecord) => ({ topic: 'customers/update', payload: customerPayload(customer) });

  return {
    now: at,
    /** Resolves when every delivery started so far has been answered (or failed). */
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    createCustomer(input: Parameters<typeof change.createCustomer>[1]) {
      const customer = change.createCustomer(state, input, at());
      return { customer, dispatch: deliver([{ topic: 'customers/create', payload: customerPayload(customer) }]) };
    },
    updateCustomer(customer: ShopifyCustomerRecord, patch: Parameters<typeof change.updateCustomer>[2]) {
      change.updateCustomer(state, customer, patch, at());
      return { dispatch: deliver([customerUpdated(customer)]) };
    },
    placeOrder(customer: ShopifyCustomerRecord, input: Parameters<typeof change.placeOrder>[2]) {
      const order = change.placeOrder(state, customer, input, at());
      return { order, dispatch: deliver([{ topic: 'orders/create', payload: orderPayload(state, order) }, customerUpdated(customer)]) };
    },
    startCheckout(customer: ShopifyCustomerRecord, lineItems: change.LineItemInput[]) {
      const token = randomUUID().replaceAll('-', '');
      const recoveryKey = randomUUID().replaceAll('-', '');
      const checkout = change.startCheckout(state, customer, { lineItems, token, recoveryKey }, at());
      return { checkout, dispatch: deliver([{ topic: 'checkouts/create', payload: checkoutPayload(state, checkout) }]) };
    },
    abandonCheckout(checkout: ShopifyCheckoutRecord) {
      change.abandonCheckout(state, checkout, at());
      return { dispatch: deliver([{ topic: 'checkouts/update', payload: checkoutPayload(state, checkout) }]) };
    },
    completeCheckout(checkout: ShopifyCheckoutRecord, customer: ShopifyCustomerRecord) {
      const order = change.completeCheckout(state, checkout, customer, at());
      return {
        order,
        dispatch: deliver([
          { topic: 'checkouts/update', payload: checkoutPayload(state, checkout) },
          { topic: 'orders/create', payload: orderPayload(state, order) },
          customerUpdated(customer),
        ]),
      };
    },
    /** Sends the consent topic (and `customers/update`) only when the state actually changed. */
    setEmailConsent(customer: ShopifyCustomerRecord, next: EmailConsentRecord) {
      const changed = change.applyEmailConsent(state, customer, next, at());
      const dispatch = changed
        ? deliver([{ topic: 'customers_email_marketing_consent/update', payload: emailConsentPayload(customer) }, customerUpdated(customer)])
        : NOTHING_SENT();
      return { changed, dispatch };
    },
    setSmsConsent(customer: ShopifyCustomerRecord, next: SmsConsentRecord) {
      const changed = change.applySmsConsent(state, customer, next, at());
      const dispatch = changed
        ? deliver([{ topic: 'customers_marketing_consent/update', payload: smsConsentPayload(customer) }, customerUpdated(customer)])
        : NOTHING_SENT();
      return { changed, dispatch };
    },
    /** Erases the customer's data and tells the app to erase its copy (`customers/redact`). */
    eraseCustomer(customer: ShopifyCustomerRecord) {
      if (customer.redactedAt) return { dispatch: NOTHING_SENT() };
      const redacted = change.redactCustomer(state, customer, at());
      return { dispatch: deliver([{ topic: 'customers/redact', payload: redactPayload(state, redacted) }]) };
    },
  };
}
