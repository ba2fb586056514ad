/**
 * The closed set of errors a connector raises. Every code is stable and documented in
 * connectors/README.md; the subgraphs turn them into GraphQL `extensions.code` values.
 */
export const VENDOR_ERROR_CODES = {
  UPSTREAM_TIMEOUT: 'The vendor did not answer within the timeout.',
  UPSTREAM_THROTTLED: 'The vendor refused the call for exceeding a rate limit or cost budget.',
  UPSTREAM_UNAVAILABLE: 'The vendor could not be reached or answered with a server error, or its circuit is open.',
  UPSTREAM_AUTH: 'The vendor refused the credentials (missing, expired, revoked or lacking scopes).',
  UPSTREAM_NOT_FOUND: 'The vendor has no record with that id.',
  UPSTREAM_BAD_REQUEST: 'The vendor rejected the request as invalid.',
  UPSTREAM_BAD_RESPONSE: 'The vendor answered with a body the connector could not understand.',
} as const;

export type VendorErrorCode = keyof typeof VENDOR_ERROR_CODES;

export interface VendorErrorDetails {
  vendor: string;
  /** The connector operation, e.g. `contacts.batchRead`. */
  operation: string;
  code: VendorErrorCode;
  /** HTTP status, when the vendor answered. */
  status?: number | undefined;
  /** Whether the same call may succeed if retried later. */
  retryable: boolean;
  /** How long the vendor asked us to wait, when it said. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

export class VendorError extends Error {
  readonly vendor: string;
  readonly operation: string;
  readonly code: VendorErrorCode;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: VendorErrorDetails) {
    super(`${details.vendor} ${details.operation}: ${message}`, { cause: details.cause });
    this.name = 'VendorError';
    this.vendor = details.vendor;
    this.operation = details.operation;
    this.code = details.code;
    this.status = details.status;
    this.retryable = details.retryable;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export const isVendorError = (error: unknown): error is VendorError => error instanceof VendorError;
