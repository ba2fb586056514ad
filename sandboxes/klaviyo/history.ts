/**
 * A person's Klaviyo event history, generated deterministically from the `klaviyo:history:{index}`
 * fork: campaign sends, opens and clicks while they were subscribed, the consent changes
 * themselves, and the Shopify integration's Placed Order / Started Checkout mirroring the
 * person's Shopify orders and checkouts.
 */
import { createRandom, type Random } from '../demo-world/random.js';
import type { DemoCheckout, DemoOrder, DemoPerson } from '../demo-world/world.js';
import type { KlaviyoCampaign, KlaviyoCatalog, MetricName } from './catalog.js';
import { eventId, eventUuid } from './format.js';
import type { ProfileSubscriptions } from './subscriptions.js';

export interface KlaviyoEventRecord {
  id: string;
  uuid: string;
  profileId: string;
  metric: MetricName;
  /** Epoch milliseconds, whole seconds (Klaviyo keeps second precision). */
  at: number;
  /** 0 for generated history; the order of recording for events made at run time (ties within a second). */
  seq: number;
  properties: Record<string, unknown>;
}

const MINUTE = 60_000;
const SHOP_URL = 'https://shop.example';
const CLIENTS = [
  { 'Client Name': 'Gmail', 'Client Type': 'Webmail', 'Client OS': 'Android' },
  { 'Client Name': 'Apple Mail', 'Client Type': 'Mobile', 'Client OS': 'iOS' },
  { 'Client Name': 'Outlook', 'Client Type': 'Desktop', 'Client OS': 'Windows' },
];

export function generateHistory(
  seed: number,
  person: DemoPerson,
  profileId: string,
  subscriptions: ProfileSubscriptions,
  catalog: KlaviyoCatalog,
  now: number,
): KlaviyoEventRecord[] {
  const random = createRandom(seed).fork(`klaviyo:history:${person.index}`);
  const events: KlaviyoEventRecord[] = [];
  const add = (metric: MetricName, at: number, properties: Record<string, unknown>) => {
    if (at <= now) events.push(newEvent(random, profileId, metric, at, properties));
  };
  const created = Date.parse(person.createdAt);
  const email = person.klaviyo?.email.trim() ?? person.email;

  // Email: sends only while the person could receive marketing email.
  const emailAt = Date.parse(person.consent.emailUpdatedAt);
  const bounce = subscriptions.email.suppression.find((s) => s.reason === 'HARD_BOUNCE');
  const emailWindow =
    person.consent.email === 'SUBSCRIBED' ? [emailAt, bounce ? Date.parse(bounce.timestamp) : now] : person.consent.email === 'UNSUBSCRIBED' ? [created, emailAt] : undefined;
  for (const campaign of catalog.campaigns) {
    if (campaign.channel !== 'email' || !emailWindow || campaign.sentAt < emailWindow[0]! || campaign.sentAt >= emailWindow[1]!) continue;
    if (!random.chance(0.85)) continue;
    const base = emailProperties(campaign, email);
    const sentAt = campaign.sentAt + random.int(0, 30) * MINUTE;
    add('Received Email', sentAt, base);
    if (random.chance(0.45)) {
      const openedAt = sentAt + random.int(5, 48 * 60) * MINUTE;
      add('Opened Email', openedAt, { ...base, ...random.pick(CLIENTS) });
      if (random.chance(0.35)) add('Clicked Email', openedAt + random.int(0, 30) * MINUTE, { ...base, URL: `${SHOP_URL}/collections/${slug(campaign.name)}` });
    }
  }
  if (bounce) add('Bounced Email', Date.parse(bounce.timestamp), { 'Bounce Type': 'hard', 'Email Domain': domainOf(email) });
  if (person.consent.email === 'SUBSCRIBED') add('Subscribed to Email Marketing', emailAt, { List: catalog.lists.newsletter.name });
  if (person.consent.email === 'UNSUBSCRIBED') add('Unsubscribed from Email Marketing', emailAt, { Method: subscriptions.email.method });

  // SMS: only with a phone number on the profile; consent came by text (JOIN / STOP), which is inbound "Sent SMS".
  const sms = subscriptions.sms;
  if (sms.consent !== 'NEVER_SUBSCRIBED') {
    const smsAt = Date.parse(person.consent.smsUpdatedAt);
    const window = sms.consent === 'SUBSCRIBED' ? [smsAt, now] : [created, smsAt];
    for (const campaign of catalog.campaigns) {
      if (campaign.channel !== 'sms' || campaign.sentAt < window[0]! || campaign.sentAt >= window[1]! || !random.chance(0.9)) continue;
      add('Received SMS', campaign.sentAt + random.int(0, 5) * MINUTE, smsProperties(campaign));
    }
    add('Sent SMS', smsAt - MINUTE, { 'Message Body': sms.methodDetail, 'Message Type': 'keyword' });
    add(sms.consent === 'SUBSCRIBED' ? 'Subscribed to SMS Marketing' : 'Unsubscribed from SMS Marketing', smsAt, { Method: 'TEXT', Keyword: sms.methodDetail });
  }

  for (const order of person.shopify?.orders ?? []) add('Placed Order', Date.parse(order.createdAt), placedOrderProperties(order));
  for (const checkout of person.shopify?.abandonedCheckouts ?? []) add('Started Checkout', Date.parse(checkout.createdAt), startedCheckoutProperties(checkout));
  return events.sort(byTime);
}

export const byTime = (a: KlaviyoEventRecord, b: KlaviyoEventRecord) => a.at - b.at || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function newEvent(
  random: Random,
  profileId: string,
  metric: MetricName,
  at: number,
  properties: Record<string, unknown>,
  seq = 0,
): KlaviyoEventRecord {
  return { id: eventId(random), uuid: eventUuid(random), profileId, metric, at: Math.floor(at / 1000) * 1000, seq, properties };
}

export function emailProperties(campaign: Pick<KlaviyoCampaign, 'messageId' | 'name' | 'subject'>, email: string): Record<string, unknown> {
  return { Subject: campaign.subject, 'Campaign Name': campaign.name, $message: campaign.messageId, 'Email Domain': domainOf(email) };
}

export function smsProperties(campaign: Pick<KlaviyoCampaign, 'messageId' | 'name' | 'subject'>): Record<string, unknown> {
  return { 'Campaign Name': campaign.name, 'Message Name': campaign.name, $message: campaign.messageId, 'Message Type': 'campaign', 'Message Format': 'SMS', 'Message Body': campaign.subject };
}

/** As Klaviyo's Shopify integration records an order: `$event_id`, `$value`, item names and the Shopify order in `$extra`. */
function placedOrderProperties(order: DemoOrder): Record<string, unknown> {
  return {
    $event_id: order.id,
    $value: Number(order.total),
    $currency_code: order.currencyCode,
    Items: order.lineItems.map((li) => li.title),
    ItemNames: order.lineItems.map((li) => li.title),
    'Item Count': order.lineItems.reduce((n, li) => n + li.quantity, 0),
    'Discount Codes': [],
    'Total Discounts': 0,
    'Source Name': 'web',
    $extra: {
      id: Number(order.id),
      name: order.name,
      landing_site: order.landingSite ?? null,
      total_price: order.total,
      currency: order.currencyCode,
      line_items: order.lineItems.map((li) => ({ sku: li.sku, title: li.title, quantity: li.quantity, price: li.unitPrice })),
    },
  };
}

function startedCheckoutProperties(checkout: DemoCheckout): Record<string, unknown> {
  return {
    $event_id: checkout.id,
    $value: Number(checkout.total),
    $currency_code: checkout.currencyCode,
    Items: checkout.lineItems.map((li) => li.title),
    ItemNames: checkout.lineItems.map((li) => li.title),
    $extra: {
      id: Number(checkout.id),
      token: checkout.token,
      responsive_checkout_url: `${SHOP_URL}/checkouts/${checkout.token}/recover`,
      total_price: checkout.total,
      currency: checkout.currencyCode,
      line_items: checkout.lineItems.map((li) => ({ sku: li.sku, title: li.title, quantity: li.quantity, price: li.unitPrice })),
    },
  };
}

const domainOf = (email: string) => email.slice(email.indexOf('@') + 1).toLowerCase();
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
