/**
 * Offline click conversions as the hub uploads them: only for people whose AD_USER_DATA consent
 * is GRANTED (the others are refused and never sent), with their hashed email and phone for
 * enhanced matching (at most 5), the consent sent along, in requests of at most 2,000 with
 * partial failure: a row Google refuses is reported with its code and field, the others land,
 * are recorded in the conversion log and become CONVERSION_UPLOADED events.
 * @see https://developers.google.com/google-ads/api/docs/conversions/upload-offline
 */
import { emptyBatch, type UnifiedBatch } from '../unified/batch.js';
import type { ConsentStatus } from '../unified/consent.js';
import type { WriteBackSubject } from '../unified/contracts.js';
import { toConversionDateTime, type ClickConversion, type ConversionApi } from './conversion-api.js';
import type { UploadedConversionLog } from './conversion-log.js';
import { hashIdentities, toUserIdentifiers } from './hashing.js';
import { toConversionEvent, type UploadedConversion } from './mappers/to-conversion-event.js';

/** Google takes at most 5 user identifiers per conversion. */
const MAX_IDENTIFIERS_PER_CONVERSION = 5;

export interface HubConversion {
  gclid: string;
  /** A conversion action id or its resource name (`customers/{id}/conversionActions/{id}`). */
  conversionAction: string;
  occurredAt: string;
  value?: { amount: string; currencyCode: string };
  orderId?: string;
  subject?: WriteBackSubject;
  /** The hub's AD_USER_DATA consent state for the person. */
  adUserData: ConsentStatus;
}

export interface ConversionUploadResult {
  landed: UploadedConversion[];
  /** Rows Google refused, by input index, with its code (`conversionUploadError.EVENT_NOT_FOUND`) and field path. */
  failed: { index: number; gclid: string; code: string; field: string; message: string }[];
  /** Rows the hub did not send: no AD_USER_DATA consent. */
  refused: { index: number; gclid: string; reason: 'NO_AD_USER_DATA_CONSENT' }[];
  batch: UnifiedBatch;
}

export interface ConversionUploaderOptions {
  api: ConversionApi;
  customerResource: string;
  log: UploadedConversionLog;
  now: () => number;
  events?: ((batch: UnifiedBatch) => Promise<void>) | undefined;
}

export function createConversionUploader(options: ConversionUploaderOptions) {
  const actionResource = (action: string) => (/^\d+$/.test(action) ? `${options.customerResource}/conversionActions/${action}` : action);

  return {
    async upload(conversions: readonly HubConversion[]): Promise<ConversionUploadResult> {
      const result: ConversionUploadResult = { landed: [], failed: [], refused: [], batch: emptyBatch() };
      const sent: { index: number; conversion: HubConversion; request: ClickConversion }[] = [];
      conversions.forEach((c, index) => {
        if (c.adUserData !== 'GRANTED') {
          result.refused.push({ index, gclid: c.gclid, reason: 'NO_AD_USER_DATA_CONSENT' });
          return;
        }
        const identifiers = toUserIdentifiers(hashIdentities(c.subject?.identities ?? [], { gmailDots: 'remove' })).slice(0, MAX_IDENTIFIERS_PER_CONVERSION);
        sent.push({
          index,
          conversion: c,
          request: {
            gclid: c.gclid,
            conversionAction: actionResource(c.conversionAction),
            conversionDateTime: toConversionDateTime(c.occurredAt),
            ...(c.value ? { conversionValue: Number(c.value.amount), currencyCode: c.value.currencyCode } : {}),
            ...(c.orderId ? { orderId: c.orderId } : {}),
            ...(identifiers.length > 0 ? { userIdentifiers: identifiers } : {}),
            consent: { adUserData: 'GRANTED' },
          },
        });
      });
      if (sent.length === 0) return result;

      const outcome = await options.api.uploadClickConversions(sent.map((s) => s.request));
      for (const f of outcome.failures) {
        const row = sent[f.index]!;
        result.failed.push({ index: row.index, gclid: row.conversion.gclid, code: f.code, field: f.field, message: f.message });
      }
      const uploadedAt = new Date(options.now()).toISOString();
      for (const i of outcome.landed) {
        const { conversion: c, request } = sent[i]!;
        const uploaded: UploadedConversion = {
          gclid: c.gclid,
          conversionAction: request.conversionAction,
          occurredAt: new Date(Date.parse(c.occurredAt)).toISOString(),
          value: c.value,
          orderId: c.orderId,
          uploadedAt,
          customerId: c.subject?.customerId,
        };
        result.landed.push(uploaded);
        result.batch.events.push(toConversionEvent(uploaded, c.subject?.identities));
      }
      await options.log.record(result.landed);
      if (options.events && result.batch.events.length > 0) await options.events(result.batch);
      return result;
    },
  };
}

export type ConversionUploader = ReturnType<typeof createConversionUploader>;
