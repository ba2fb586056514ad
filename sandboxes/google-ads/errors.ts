/**
 * Google Ads API errors as REST returns them: a `google.rpc.Status` envelope whose `details`
 * carry a `GoogleAdsFailure` (one entry per problem, each with an `errorCode` oneof such as
 * `queryError`, `requestError`, `quotaError`, an optional `trigger` and a `location` field path).
 * In partial-failure mode the same failure travels inside `partialFailureError` with a numeric code.
 * @see https://developers.google.com/google-ads/api/docs/best-practices/error-types
 * @see https://developers.google.com/google-ads/api/docs/best-practices/partial-failures
 */
import { randomBytes } from 'node:crypto';

export interface FieldPathElement {
  /** The proto (snake_case) field name, as Google reports it. */
  fieldName: string;
  index?: number;
}

export interface GoogleAdsErrorEntry {
  /** The oneof naming the error family and its enum value, e.g. `{ queryError: 'BAD_FIELD_NAME' }`. */
  errorCode: Record<string, string>;
  message: string;
  trigger?: { stringValue: string };
  location?: { fieldPathElements: FieldPathElement[] };
  details?: Record<string, unknown>;
}

/** gRPC canonical codes by name, for the numeric `code` of a nested `google.rpc.Status`. */
const RPC_CODES: Record<string, number> = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
};

const requestId = () => randomBytes(11).toString('base64url');

export function failureDetail(errors: readonly GoogleAdsErrorEntry[], apiVersion: string) {
  return {
    '@type': `type.googleapis.com/google.ads.googleads.${apiVersion}.errors.GoogleAdsFailure`,
    errors,
    requestId: requestId(),
  };
}

/** The REST error body: `{ error: { code, message, status, details: [GoogleAdsFailure] } }`. */
export function googleAdsFailure(
  httpCode: number,
  status: string,
  message: string,
  errors: readonly GoogleAdsErrorEntry[],
  apiVersion = 'v26',
) {
  return { error: { code: httpCode, message, status, details: [failureDetail(errors, apiVersion)] } };
}

/** `a[0].b_c` from field path elements, as Google writes them into partial-failure messages. */
export function fieldPath(elements: readonly FieldPathElement[]): string {
  return elements.map((e) => (e.index === undefined ? e.fieldName : `${e.fieldName}[${e.index}]`)).join('.');
}

/** The `partialFailureError` of a mutate or upload response: the failures of the rows that did not land. */
export function partialFailureStatus(errors: readonly GoogleAdsErrorEntry[], apiVersion: string) {
  const message = errors
    .map((e) => (e.location ? `${e.message}, at ${fieldPath(e.location.fieldPathElements)}` : e.message))
    .join(', ');
  return { code: RPC_CODES.INVALID_ARGUMENT, message, details: [failureDetail(errors, apiVersion)] };
}

/** Thrown by route handlers; the sandbox's error handler renders it as the vendor does. */
export class GoogleAdsApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: string,
    message: string,
    readonly errors: readonly GoogleAdsErrorEntry[],
  ) {
    super(message);
  }

  body(apiVersion: string) {
    return googleAdsFailure(this.httpStatus, this.status, this.message, this.errors, apiVersion);
  }
}

export const invalidArgument = (...errors: GoogleAdsErrorEntry[]) =>
  new GoogleAdsApiError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', errors);

export const permissionDenied = (...errors: GoogleAdsErrorEntry[]) =>
  new GoogleAdsApiError(403, 'PERMISSION_DENIED', 'The caller does not have permission', errors);

export const unauthenticated = (...errors: GoogleAdsErrorEntry[]) =>
  new GoogleAdsApiError(
    401,
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    errors,
  );

export const resourceExhausted = (...errors: GoogleAdsErrorEntry[]) =>
  new GoogleAdsApiError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', errors);

/** One error entry, located at a field path when given. */
export function entry(
  family: string,
  code: string,
  message: string,
  location?: readonly FieldPathElement[],
  trigger?: string,
): GoogleAdsErrorEntry {
  return {
    errorCode: { [family]: code },
    message,
    ...(trigger === undefined ? {} : { trigger: { stringValue: trigger } }),
    ...(location ? { location: { fieldPathElements: [...location] } } : {}),
  };
}
