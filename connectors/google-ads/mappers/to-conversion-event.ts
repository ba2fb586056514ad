/**
 * An uploaded click conversion as a CONVERSION_UPLOADED timeline event. The id is stable for
 * the same conversion (gclid, action, time), so a re-upload or a replay is stored once.
 */
import type { UnifiedEvent } from '../../unified/event.js';
import type { Identity } from '../../unified/identity.js';

export interface UploadedConversion {
  gclid: string;
  conversionAction: string;
  conversionActionName?: string | undefined;
  occurredAt: string;
  value?: { amount: string; currencyCode: string } | undefined;
  orderId?: string | undefined;
  uploadedAt: string;
  /** The hub customer it was uploaded for, when known. */
  customerId?: string | undefined;
}

export const conversionEventId = (c: Pick<UploadedConversion, 'gclid' | 'conversionAction' | 'occurredAt'>) =>
  `google-ads:conversion:${c.gclid}:${c.conversionAction.split('/').at(-1)}:${Date.parse(c.occurredAt)}`;

export function toConversionEvent(c: UploadedConversion, identities: readonly Identity[] = []): UnifiedEvent {
  const what = c.conversionActionName ?? `conversion action ${c.conversionAction.split('/').at(-1)}`;
  const value = c.value ? `, ${c.value.amount} ${c.value.currencyCode}` : '';
  return {
    id: conversionEventId(c),
    source: 'google-ads',
    channel: 'PAID_SEARCH',
    type: 'CONVERSION_UPLOADED',
    occurredAt: new Date(Date.parse(c.occurredAt)).toISOString(),
    identities: [{ kind: 'GCLID', value: c.gclid }, ...identities.filter((i) => !(i.kind === 'GCLID' && i.value === c.gclid))],
    summary: `Conversion uploaded to Google Ads (${what}${value})`.slice(0, 200),
    details: { kind: 'ad', gclid: c.gclid, conversionAction: c.conversionAction, ...(c.value ? { value: c.value } : {}) },
  };
}
