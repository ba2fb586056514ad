/**
 * How the hub reads Google Ads answers (pure, unit-tested). Every error is a `google.rpc.Status`
 * (an array of them from searchStream) with a GoogleAdsFailure in `details`: RESOURCE_EXHAUSTED
 * is throttling, and its `quotaErrorDetails.retryDelay` says how long to wait; auth and
 * permission (including CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE) are never retried; server-side
 * failures are. Google sends no usage headers, so there is nothing to observe before the limit:
 * the core pauses the whole account on the first RESOURCE_EXHAUSTED, for as long as Google asked.
 * @see https://developers.google.com/google-ads/api/docs/best-practices/quotas
 * @see https://developers.google.com/google-ads/api/docs/best-practices/error-types
 */
import type { AxiosResponse } from 'axios';
import type { VendorProblem } from '../http/vendor-http.js';
import { RpcStatusSchema, type GoogleAdsErrorEntry, type RpcStatus } from './schemas.js';

/** A protobuf Duration in JSON (`"30s"`, `"1.5s"`) in milliseconds. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

/** The error envelope of a body: `{ error }`, or the first `{ error }` of a searchStream array. */
export function rpcError(body: unknown): RpcStatus | undefined {
  const envelope = Array.isArray(body) ? body.find((b) => b && typeof b === 'object' && 'error' in b) : body;
  if (!envelope || typeof envelope !== 'object' || !('error' in envelope)) return undefined;
  const parsed = RpcStatusSchema.safeParse((envelope as { error: unknown }).error);
  return parsed.success ? parsed.data : undefined;
}

export function failureErrors(status: RpcStatus | undefined): GoogleAdsErrorEntry[] {
  return (status?.details ?? []).flatMap((d) => d.errors ?? []);
}

/** `quotaError RESOURCE_TEMPORARILY_EXHAUSTED`: codes only, never Google's message (it may quote our data). */
const describe = (errors: GoogleAdsErrorEntry[]) =>
  errors.map((e) => Object.entries(e.errorCode).map(([family, code]) => `${family} ${code}`).join(' ')).join('; ');

/** The longest retryDelay Google asked for, in ms. */
export function retryDelayMs(errors: readonly GoogleAdsErrorEntry[]): number | undefined {
  const delays = errors
    .map((e) => parseDuration((e.details?.quotaErrorDetails as { retryDelay?: unknown } | undefined)?.retryDelay))
    .filter((d): d is number => d !== undefined);
  return delays.length > 0 ? Math.max(...delays) : undefined;
}

export function interpretGoogleAdsResponse(response: AxiosResponse): VendorProblem | undefined {
  const status = rpcError(response.data);
  // searchStream may end a 200 with an error object after the batches it managed to send.
  if (response.status < 400 && !status) return undefined;
  const errors = failureErrors(status);
  const grpc = status?.status ?? '';
  const detail = describe(errors);
  const message = `${grpc || `HTTP ${response.status}`}${detail ? `: ${detail}` : ''}`;
  if (grpc === 'RESOURCE_EXHAUSTED' || response.status === 429) {
    return { code: 'UPSTREAM_THROTTLED', message, retryable: true, retryAfterMs: retryDelayMs(errors) };
  }
  if (grpc === 'UNAUTHENTICATED' || grpc === 'PERMISSION_DENIED' || response.status === 401 || response.status === 403) {
    return { code: 'UPSTREAM_AUTH', message, retryable: false };
  }
  if (grpc === 'DEADLINE_EXCEEDED' || response.status === 504) return { code: 'UPSTREAM_TIMEOUT', message, retryable: true };
  if (grpc === 'UNAVAILABLE' || grpc === 'INTERNAL' || response.status >= 500) return { code: 'UPSTREAM_UNAVAILABLE', message, retryable: true };
  if (grpc === 'NOT_FOUND' || response.status === 404) return { code: 'UPSTREAM_NOT_FOUND', message, retryable: false };
  return { code: 'UPSTREAM_BAD_REQUEST', message, retryable: false };
}
