/**
 * ConversionUploadService at the API level: `:uploadClickConversions` in requests of at most
 * 2,000 conversions, always with `partialFailure: true` (Google: "should always be set to true"),
 * so a bad row is reported and the others land. A row landed when its result is not empty.
 * @see https://developers.google.com/google-ads/api/docs/conversions/upload-offline
 * @see https://developers.google.com/google-ads/api/rest/reference/rest/v26/customers/uploadClickConversions
 */
import type { GoogleConsentStatus, UserIdentifier } from './customer-match-api.js';
import { rowFailures, type RowFailure } from './partial-failure.js';
import { UploadClickConversionsResponseSchema } from './schemas.js';
import type { GoogleAdsTransport } from './transport.js';

export const MAX_CONVERSIONS_PER_REQUEST = 2_000;

export interface ClickConversion {
  gclid: string;
  /** `customers/{id}/conversionActions/{id}` */
  conversionAction: string;
  /** `yyyy-mm-dd hh:mm:ss+|-hh:mm` */
  conversionDateTime: string;
  conversionValue?: number;
  currencyCode?: string;
  orderId?: string;
  userIdentifiers?: UserIdentifier[];
  consent?: { adUserData: GoogleConsentStatus };
}

export interface UploadOutcome {
  /** Indexes (into the input) of the conversions Google accepted. */
  landed: number[];
  /** The refused ones, by input index, with Google's code and field path. */
  failures: RowFailure[];
  jobIds: string[];
}

/** An instant as Google's conversion date-time, in UTC: `2026-09-01 12:32:45+00:00`. */
export function toConversionDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new TypeError(`not an ISO date-time: ${iso}`);
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}+00:00`;
}

export function createConversionApi(transport: GoogleAdsTransport) {
  return {
    async uploadClickConversions(conversions: readonly ClickConversion[]): Promise<UploadOutcome> {
      const outcome: UploadOutcome = { landed: [], failures: [], jobIds: [] };
      for (let start = 0; start < conversions.length; start += MAX_CONVERSIONS_PER_REQUEST) {
        const chunk = conversions.slice(start, start + MAX_CONVERSIONS_PER_REQUEST);
        const response = await transport.post(
          'conversions.upload',
          ':uploadClickConversions',
          { conversions: chunk, partialFailure: true },
          UploadClickConversionsResponseSchema,
        );
        const failures = rowFailures(response.partialFailureError, 'conversions');
        const failed = new Set(failures.map((f) => f.index));
        outcome.failures.push(...failures.map((f) => ({ ...f, index: f.index + start })));
        chunk.forEach((_, i) => {
          if (!failed.has(i) && response.results[i]?.gclid !== undefined) outcome.landed.push(start + i);
        });
        if (response.jobId) outcome.jobIds.push(response.jobId);
      }
      return outcome;
    },
  };
}

export type ConversionApi = ReturnType<typeof createConversionApi>;
