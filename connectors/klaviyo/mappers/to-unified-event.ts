/**
 * A Klaviyo event (with its metric, and its profile when included) as a unified timeline event.
 * Metrics the timeline does not show (page views, inbound "Sent SMS", ...) map to undefined.
 * Summaries name the campaign or order, never an address or number.
 * @see https://developers.klaviyo.com/en/reference/get_events
 */
import type { EventDetails, UnifiedEvent } from '../../unified/event.js';
import type { KlaviyoEventRecord } from '../schemas.js';
import { isoTime, profileIdentities } from './identities.js';
import { metricKind } from './metric-kinds.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : undefined);
const money = (value: unknown, currency: unknown) => {
  const amount = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(amount) ? { amount: amount.toFixed(2), currencyCode: text(currency) ?? 'USD' } : undefined;
};
const clip = (line: string) => (line.length > 200 ? `${line.slice(0, 197)}...` : line);

export function toUnifiedEvent({ event, metric, profile }: KlaviyoEventRecord): UnifiedEvent | undefined {
  const kind = metricKind(metric?.attributes.name);
  const profileId = event.relationships?.profile?.data?.id;
  const occurredAt = isoTime(event.attributes.datetime, event.attributes.timestamp);
  if (!kind || !profileId || !occurredAt) return undefined;
  // Klaviyo's Shopify integration mirrors Shopify's own orders and checkouts, which the hub reads
  // from Shopify itself (webhooks and sync, the system of record): the mirror would put every
  // purchase on the timeline twice, so it is left out.
  if ((kind.kind === 'order' || kind.kind === 'checkout') && metric?.attributes.integration?.key === 'shopify') return undefined;
  const p = event.attributes.event_properties ?? {};
  const extra = (typeof p.$extra === 'object' && p.$extra !== null ? p.$extra : {}) as Record<string, unknown>;
  const base = { id: `klaviyo:${event.id}`, source: 'klaviyo' as const, occurredAt, identities: profileIdentities(profileId, profile) };

  switch (kind.kind) {
    case 'message': {
      const campaign = text(p['Campaign Name']) ?? text(p['Message Name']) ?? text(p.$flow);
      const details: EventDetails = {
        kind: 'message',
        ...(text(p.$message) ? { messageId: text(p.$message) } : {}),
        ...(campaign ? { campaignName: campaign } : {}),
        ...(text(p.Subject) ? { subject: text(p.Subject) } : {}),
        ...(text(p.URL) ? { url: text(p.URL) } : {}),
      };
      return { ...base, channel: kind.channel, type: kind.type, summary: clip(campaign ? `${kind.verb}: ${campaign}` : kind.verb), details };
    }
    case 'order': {
      const orderId = text(p.$event_id) ?? text(extra.id) ?? event.id;
      const orderName = text(extra.name);
      const items = Array.isArray(p.Items) ? p.Items.length : 0;
      const itemCount = typeof p['Item Count'] === 'number' ? p['Item Count'] : items;
      const total = money(p.$value, p.$currency_code ?? extra.currency) ?? { amount: '0.00', currencyCode: 'USD' };
      const details: EventDetails = {
        kind: 'order',
        orderId,
        ...(orderName ? { orderName } : {}),
        total,
        itemCount,
        ...(text(extra.landing_site) ? { landingSite: text(extra.landing_site) } : {}),
      };
      return { ...base, channel: 'COMMERCE', type: 'ORDER_PLACED', summary: `Order ${orderName ?? orderId} placed: ${total.amount} ${total.currencyCode}`, details };
    }
    case 'checkout': {
      const checkoutId = text(p.$event_id) ?? text(extra.id) ?? event.id;
      const total = money(p.$value, p.$currency_code ?? extra.currency);
      const recoveryUrl = text(extra.responsive_checkout_url) ?? text(extra.checkout_url);
      const details: EventDetails = { kind: 'checkout', checkoutId, ...(total ? { total } : {}), ...(recoveryUrl ? { recoveryUrl } : {}) };
      return { ...base, channel: 'COMMERCE', type: 'CHECKOUT_STARTED', summary: total ? `Checkout started: ${total.amount} ${total.currencyCode}` : 'Checkout started', details };
    }
    case 'consent':
      return {
        ...base,
        channel: kind.channel,
        type: kind.type,
        summary: kind.verb,
        details: { kind: 'consent', topic: kind.topic, status: kind.status },
      };
  }
}
