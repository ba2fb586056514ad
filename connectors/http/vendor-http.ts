/**
 * The HTTP core every connector uses: one axios instance per vendor account with its base URL,
 * auth headers and timeout, and translation of every failure into a typed VendorError.
 * Credentials travel only in headers set here and are never part of an error message or log.
 */
import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { inSpan, SpanKind } from '../../platform/tracing.js';
import { VendorError, type VendorErrorCode } from './errors.js';

export interface VendorHttpOptions {
  vendor: string;
  baseURL: string;
  /** Headers sent with every call (auth, API version). */
  headers?: Record<string, string>;
  /** Query parameters sent with every call (Meta's access_token). */
  params?: Record<string, string>;
  timeoutMs: number;
  /**
   * Reads a vendor-specific failure out of a response that HTTP calls a success
   * (Shopify's THROTTLED with status 200). Returns undefined when the response is fine.
   */
  inspect?: (response: AxiosResponse) => { code: VendorErrorCode; message: string; retryAfterMs?: number } | undefined;
  /** Maps an error response to a code where the status alone is not enough (Meta's error codes). */
  classify?: (status: number, body: unknown) => VendorErrorCode | undefined;
}

export interface VendorHttp {
  readonly vendor: string;
  request<T>(operation: string, config: AxiosRequestConfig): Promise<T>;
}

export function createVendorHttp(options: VendorHttpOptions): VendorHttp {
  const client: AxiosInstance = axios.create({
    baseURL: options.baseURL,
    headers: { 'user-agent': 'customer-graph-hub/0.1', ...options.headers },
    params: options.params,
    timeout: options.timeoutMs,
    // Every status is handled below, so axios never throws for a response.
    validateStatus: () => true,
  });

  return {
    vendor: options.vendor,
    // Each vendor call is a client span in the trace of the query that caused it (off by default).
    request: <T>(operation: string, config: AxiosRequestConfig) =>
      inSpan(`${options.vendor} ${operation}`, SpanKind.CLIENT, { 'hub.vendor': options.vendor, 'hub.vendor.operation': operation }, () =>
        send<T>(operation, config),
      ),
  };

  async function send<T>(operation: string, config: AxiosRequestConfig): Promise<T> {
      let response: AxiosResponse;
      try {
        response = await client.request(config);
      } catch (error) {
        throw transportError(options.vendor, operation, error);
      }
      const problem = response.status < 400 ? options.inspect?.(response) : undefined;
      if (problem) {
        throw new VendorError(problem.message, {
          vendor: options.vendor,
          operation,
          code: problem.code,
          status: response.status,
          retryable: problem.code === 'UPSTREAM_THROTTLED' || problem.code === 'UPSTREAM_UNAVAILABLE',
          retryAfterMs: problem.retryAfterMs,
        });
      }
      if (response.status >= 400) throw statusError(options, operation, response);
      return response.data as T;
  }
}

function transportError(vendor: string, operation: string, error: unknown): VendorError {
  const axiosError = error instanceof AxiosError ? error : undefined;
  const timedOut = axiosError?.code === 'ECONNABORTED' || axiosError?.code === 'ETIMEDOUT';
  return new VendorError(timedOut ? 'timed out' : `unreachable (${axiosError?.code ?? 'network error'})`, {
    vendor,
    operation,
    code: timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNAVAILABLE',
    retryable: true,
    cause: axiosError ? undefined : error,
  });
}

function statusError(options: VendorHttpOptions, operation: string, response: AxiosResponse): VendorError {
  const status = response.status;
  const code: VendorErrorCode =
    options.classify?.(status, response.data) ??
    (status === 401 || status === 403
      ? 'UPSTREAM_AUTH'
      : status === 404
        ? 'UPSTREAM_NOT_FOUND'
        : status === 429
          ? 'UPSTREAM_THROTTLED'
          : status >= 500
            ? 'UPSTREAM_UNAVAILABLE'
            : 'UPSTREAM_BAD_REQUEST');
  return new VendorError(`HTTP ${status}`, {
    vendor: options.vendor,
    operation,
    code,
    status,
    retryable: code === 'UPSTREAM_THROTTLED' || code === 'UPSTREAM_UNAVAILABLE' || code === 'UPSTREAM_TIMEOUT',
    retryAfterMs: retryAfterMs(response.headers['retry-after']),
  });
}

/** `Retry-After` in delta-seconds or HTTP-date form, in milliseconds. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
