/**
 * ConversionUploadService: `customers/{id}:uploadClickConversions`. At most 2,000 conversions a
 * request; `conversionDateTime` as `yyyy-mm-dd hh:mm:ss+|-hh:mm`, after the click and within the
 * action's 90-day click-through window. With `partialFailure` (which Google says to always set)
 * the good rows land, failed rows come back as empty results and are described, with field
 * paths, in `partialFailureError`; without it one bad row fails the whole request.
 * @see https://developers.google.com/google-ads/api/rest/reference/rest/v26/customers/uploadClickConversions
 * @see https://developers.google.com/google-ads/api/docs/conversions/upload-offline
 */
import type { FastifyInstance } from 'fastify';
import { entry, invalidArgument, partialFailureStatus, permissionDenied, type GoogleAdsErrorEntry } from './errors.js';
import type { GoogleAdsState, UploadedConversion } from './state.js';

export const MAX_CONVERSIONS_PER_REQUEST = 2_000;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})([+-]\d{2}:\d{2})$/;
const GCLID = /^[A-Za-z0-9_-]{20,}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
const DAY_MS = 86_400_000;
/** Google refuses clicks newer than 6 hours (TOO_RECENT_EVENT). */
const TOO_RECENT_MS = 6 * 3_600_000;
const CLICK_THROUGH_WINDOW_DAYS = 90;

interface ClickConversionInput {
  gclid?: string;
  gbraid?: string;
  wbraid?: string;
  conversionAction?: string;
  conversionDateTime?: string;
  conversionValue?: number;
  currencyCode?: string;
  orderId?: string;
  userIdentifiers?: { hashedEmail?: string; hashedPhoneNumber?: string }[];
  consent?: { adUserData?: string };
}

export interface ConversionRouteOptions {
  state: GoogleAdsState;
  now: () => number;
  /** Since Jun 15 2026 Google accepts no new offline-conversion adopters; false answers CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE. */
  conversionUploadsAllowlisted: () => boolean;
}

/** Milliseconds since the epoch of `yyyy-mm-dd hh:mm:ss+hh:mm`, or undefined when it is not that. */
export function parseConversionDateTime(value: string | undefined): number | undefined {
  const m = DATE_TIME.exec(value ?? '');
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}T${m[2]}${m[3]}`);
  return Number.isNaN(ms) ? undefined : ms;
}

export function registerClickConversionRoutes(app: FastifyInstance, options: ConversionRouteOptions): void {
  const { state } = options;

  app.post<{
    Params: { version: string; customerId: string };
    Body: { conversions?: ClickConversionInput[]; partialFailure?: boolean; validateOnly?: boolean; jobId?: number | string };
  }>('/:version/customers/:customerId(^\\d+)::uploadClickConversions', async (request) => {
    if (!options.conversionUploadsAllowlisted()) {
      throw permissionDenied(entry('notAllowlistedError', 'CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE', 'Customer is not allowlisted for accessing this feature.'));
    }
    const { version } = request.params;
    const body = request.body ?? {};
    const conversions = body.conversions ?? [];
    if (conversions.length === 0) throw invalidArgument(entry('requestError', 'REQUIRED_FIELD_MISSING', 'Required field is missing.', [{ fieldName: 'conversions' }]));
    if (conversions.length > MAX_CONVERSIONS_PER_REQUEST) {
      throw invalidArgument(entry('conversionUploadError', 'TOO_MANY_CONVERSIONS_IN_REQUEST', 'Upload fewer than 2001 events in a single request.', [{ fieldName: 'conversions' }]));
    }
    if (body.jobId !== undefined && !(Number.isInteger(Number(body.jobId)) && Number(body.jobId) >= 1 && Number(body.jobId) < 2 ** 31)) {
      throw invalidArgument(entry('conversionUploadError', 'INVALID_JOB_ID', 'A job ID must be a positive integer in the range [1, 2^31).', [{ fieldName: 'job_id' }], String(body.jobId)));
    }
    const jobId = body.jobId !== undefined ? String(body.jobId) : state.nextId('uploadJob');
    const now = options.now();
    const seenInRequest = new Set<string>();
    const ordersInRequest = new Set<string>();
    const errors: GoogleAdsErrorEntry[] = [];

    const results = conversions.map((c, index) => {
      const fail = (family: string, code: string, message: string, fieldName: string, trigger?: string) => {
        errors.push(entry(family, code, message, [{ fieldName: 'conversions', index }, { fieldName }], trigger));
        return undefined;
      };
      const check = (): UploadedConversion | undefined => {
        const actionId = /^customers\/(\d+)\/conversionActions\/(\d+)$/.exec(c.conversionAction ?? '');
        const action = actionId?.[1] === state.customerId ? state.conversionActions.find((a) => a.id === actionId[2]) : undefined;
        if (!action) return fail('conversionUploadError', 'NO_CONVERSION_ACTION_FOUND', 'The conversion action specified in the upload request cannot be found.', 'conversion_action', c.conversionAction);
        if (action.type !== 'UPLOAD_CLICKS') {
          return fail('conversionUploadError', 'INVALID_CONVERSION_ACTION_TYPE', "The conversion action specified in the upload request isn't set up for uploading conversions.", 'conversion_action', c.conversionAction);
        }
        const at = parseConversionDateTime(c.conversionDateTime);
        if (at === undefined) {
          return fail('dateError', 'INVALID_STRING_DATE_TIME_SECONDS_WITH_OFFSET', "The string date time's format should be yyyy-mm-dd hh:mm:ss+|-hh:mm.", 'conversion_date_time', c.conversionDateTime);
        }
        if (c.gbraid !== undefined && c.wbraid !== undefined) return fail('conversionUploadError', 'GBRAID_WBRAID_BOTH_SET', "Can't use both gbraid and wbraid parameters.", 'gbraid');
        if (c.gclid === undefined) return fail('conversionUploadError', 'EVENT_NOT_FOUND', 'The imported event could not be attributed to a click.', c.gbraid !== undefined ? 'gbraid' : 'wbraid');
        if (!GCLID.test(c.gclid)) return fail('conversionUploadError', 'UNPARSEABLE_GCLID', 'The imported gclid could not be decoded.', 'gclid', c.gclid);
        const click = state.clicksByGclid.get(c.gclid);
        if (!click) return fail('conversionUploadError', 'EVENT_NOT_FOUND', 'The imported event could not be attributed to a click.', 'gclid', c.gclid);
        const clickedAt = Date.parse(click.clickedAt);
        if (now - clickedAt < TOO_RECENT_MS) return fail('conversionUploadError', 'TOO_RECENT_EVENT', 'The click occurred less than 6 hours ago. Retry after 6 hours have passed.', 'gclid', c.gclid);
        if (at < clickedAt) return fail('conversionUploadError', 'CONVERSION_PRECEDES_EVENT', 'The imported event has a conversion_date_time that precedes the click.', 'conversion_date_time', c.conversionDateTime);
        if (at - clickedAt > CLICK_THROUGH_WINDOW_DAYS * DAY_MS) {
          return fail('conversionUploadError', 'EXPIRED_EVENT', "The imported event's click occurred before this conversion's click-through window.", 'gclid', c.gclid);
        }
        for (const [j, id] of (c.userIdentifiers ?? []).entries()) {
          const value = id.hashedEmail ?? id.hashedPhoneNumber;
          if (value === undefined || !SHA256_HEX.test(value)) {
            errors.push(entry('conversionUploadError', 'INVALID_USER_IDENTIFIER', 'Make sure you hash user provided data using SHA-256.', [{ fieldName: 'conversions', index }, { fieldName: 'user_identifiers', index: j }]));
            return undefined;
          }
        }
        const key = `${c.gclid}|${c.conversionAction}|${at}`;
        if (seenInRequest.has(key)) return fail('conversionUploadError', 'DUPLICATE_CLICK_CONVERSION_IN_REQUEST', 'Multiple events have the same click and conversion_date_time.', 'gclid', c.gclid);
        if (state.conversions.some((u) => u.gclid === c.gclid && u.conversionAction === c.conversionAction && parseConversionDateTime(u.conversionDateTime) === at)) {
          return fail('conversionUploadError', 'CLICK_CONVERSION_ALREADY_EXISTS', 'The imported event has the same click and conversion_date_time as an existing conversion.', 'gclid', c.gclid);
        }
        if (c.orderId !== undefined) {
          if (ordersInRequest.has(`${c.conversionAction}|${c.orderId}`)) return fail('conversionUploadError', 'DUPLICATE_ORDER_ID', 'Imported events include multiple conversions with the same order ID.', 'order_id', c.orderId);
          if (state.conversions.some((u) => u.conversionAction === c.conversionAction && u.orderId === c.orderId)) {
            return fail('conversionUploadError', 'ORDER_ID_ALREADY_IN_USE', 'The imported event includes an order ID that was previously recorded.', 'order_id', c.orderId);
          }
          ordersInRequest.add(`${c.conversionAction}|${c.orderId}`);
        }
        seenInRequest.add(key);
        return {
          gclid: c.gclid,
          conversionAction: c.conversionAction!,
          conversionDateTime: c.conversionDateTime!,
          conversionValue: c.conversionValue,
          currencyCode: c.currencyCode,
          orderId: c.orderId,
          campaignId: click.campaignId,
          clickDate: click.date,
          jobId,
        };
      };
      return check();
    });

    if (errors.length > 0 && !body.partialFailure) throw invalidArgument(...errors);
    if (!body.validateOnly) {
      for (const r of results) {
        if (!r) continue;
        state.conversions.push(r);
        const key = `${r.campaignId}:${r.clickDate}`;
        state.conversionsByClickDay.set(key, (state.conversionsByClickDay.get(key) ?? 0) + 1);
      }
    }
    return {
      ...(errors.length > 0 ? { partialFailureError: partialFailureStatus(errors, version) } : {}),
      results: results.map((r) => (r ? { gclid: r.gclid, conversionAction: r.conversionAction, conversionDateTime: r.conversionDateTime } : {})),
      jobId,
    };
  });
}
