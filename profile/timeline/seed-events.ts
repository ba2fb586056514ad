/**
 * Synthetic but valid timeline events (they pass UnifiedEventSchema), for tests and the
 * benchmark: every detail kind and several channels in rotation, at evenly spaced times, ids
 * stable for a given prefix and index so that seeding twice is a replay.
 */
import type { UnifiedEvent } from '../../connectors/unified/event.js';
import type { TimelineSink } from '../customer-data.js';

export interface SyntheticEventsOptions {
  /** Time of event 0. @default '2026-01-01T00:00:00.000Z' */
  start?: string;
  /** Gap between consecutive events; 0 gives every event the same time (ties). @default 60_000 */
  spacingMs?: number;
  /** Distinguishes batches: ids are `{source}:{idPrefix}-{index}`. @default 'seed' */
  idPrefix?: string;
  /** Index of the first event, to continue an earlier batch. @default 0 */
  offset?: number;
}

type Template = Omit<UnifiedEvent, 'id' | 'occurredAt' | 'identities'>;

/** One template per detail kind (and a second channel for messages and ads). */
const TEMPLATES: readonly ((i: number) => Template)[] = [
  (i) => ({ source: 'klaviyo', channel: 'EMAIL', type: 'EMAIL_SENT', summary: `Email sent: Newsletter #${i}`, details: { kind: 'message', campaignId: `cmp_${i % 7}`, subject: `Newsletter #${i}` } }),
  (i) => ({
    source: 'shopify',
    channel: 'COMMERCE',
    type: 'ORDER_PLACED',
    summary: `Order #${1000 + i} placed: ${(10 + (i % 90)).toFixed(2)} EUR`,
    details: { kind: 'order', orderId: `gid://shopify/Order/${1000 + i}`, orderName: `#${1000 + i}`, total: { amount: (10 + (i % 90)).toFixed(2), currencyCode: 'EUR' }, itemCount: 1 + (i % 4) },
  }),
  (i) => ({ source: 'hubspot', channel: 'SALES', type: 'SALES_CALL', summary: 'Sales call logged', details: { kind: 'sales', engagementId: `eng_${i}`, direction: 'OUTBOUND' } }),
  (i) => ({ source: 'meta', channel: 'PAID_SOCIAL', type: 'LEAD_SUBMITTED', summary: 'Lead form submitted', details: { kind: 'ad', formId: `form_${i % 3}`, leadId: `lead_${i}` } }),
  (i) => ({ source: 'klaviyo', channel: 'SMS', type: 'SMS_SENT', summary: 'SMS sent: Weekend offer', details: { kind: 'message', messageId: `msg_${i}` } }),
  (i) => ({ source: 'shopify', channel: 'COMMERCE', type: 'CHECKOUT_STARTED', summary: 'Checkout started', details: { kind: 'checkout', checkoutId: `chk_${i}`, total: { amount: '25.00', currencyCode: 'EUR' }, recoveryUrl: `https://shop.example/checkouts/chk_${i}/recover` } }),
  (i) => ({ source: 'google-ads', channel: 'PAID_SEARCH', type: 'AD_CLICKED', summary: 'Search ad clicked', details: { kind: 'ad', gclid: `gclid_${i}`, campaignName: 'Brand' } }),
  () => ({ source: 'hub', channel: 'EMAIL', type: 'CONSENT_CHANGED', summary: 'Email marketing consent granted', details: { kind: 'consent', topic: 'EMAIL_MARKETING', status: 'GRANTED' } }),
  () => ({ source: 'hub', channel: 'WEB', type: 'PROFILE_CREATED', summary: 'Profile created', details: { kind: 'profile', note: 'synthetic' } }),
];

/** `n` events, event i at start + i·spacing (so later index means newer). */
export function syntheticEvents(n: number, options: SyntheticEventsOptions = {}): UnifiedEvent[] {
  const start = Date.parse(options.start ?? '2026-01-01T00:00:00.000Z');
  const spacing = options.spacingMs ?? 60_000;
  const prefix = options.idPrefix ?? 'seed';
  const offset = options.offset ?? 0;
  return Array.from({ length: n }, (_, k) => {
    const i = offset + k;
    const template = TEMPLATES[i % TEMPLATES.length]!(i);
    return {
      ...template,
      id: `${template.source}:${prefix}-${i}`,
      occurredAt: new Date(start + i * spacing).toISOString(),
      // A vendor id, never an email or phone: synthetic data carries no PII either.
      identities: [{ kind: 'HUBSPOT', value: `${prefix}-contact` }],
    };
  });
}

/** Writes `n` synthetic events for the customer through the sink; returns them (oldest first). */
export async function seedTimelineEvents(sink: TimelineSink, customerId: string, n: number, options: SyntheticEventsOptions = {}): Promise<UnifiedEvent[]> {
  const events = syntheticEvents(n, options);
  await sink.appendEvents(customerId, events);
  return events;
}
