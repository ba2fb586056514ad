/**
 * The HTTP core every connector uses: one axios instance per vendor account with its base URL,
 * auth headers and timeout; a rate governor shared across processes; retries that obey the
 * vendor's own throttle signal; a circuit breaker per vendor; and translation of every failure into
 * a typed VendorError. Credentials travel only in the headers and params set here; they are never
 * part of an error message, a log line or a telemetry event.
 */
import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { inSpan, SpanKind } from '../../platform/tracing.js';
import { createVendorBreaker, type BreakerOptions, type VendorBreaker } from './breaker.js';
import { VendorError, type VendorErrorCode } from './errors.js';
import { GovernorDeadlineError, type RateGovernor, type UsageHint } from './governor.js';
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';

/** A vendor-specific reading of a response that makes it an error (Shopify's THROTTLED at 200, HubSpot's 429 policy). */
export interface VendorProblem {
  code: VendorErrorCode;
  message: string;
  /** Defaults by code: throttled, unavailable and timeout are retryable. */
  retryable?: boolean;
  retryAfterMs?: number;
}

/** One finished attempt, for metrics and traces. Carries no URL, header or body. */
export interface VendorCallEvent {
  vendor: string;
  operation: string;
  attempt: number;
  status: number | undefined;
  durationMs: number;
  outcome: 'ok' | VendorErrorCode;
}

export interface VendorHttpOptions {
  vendor: string;
  baseURL: string;
  /** Headers sent with every call (auth, API version). */
  headers?: Record<string, string>;
  /** Query parameters sent with every call. */
  params?: Record<string, string>;
  timeoutMs: number;
  /** Called for every response, any status; a returned problem turns it into a VendorError. */
  interpret?: (response: AxiosResponse) => VendorProblem | undefined;
  /** Reads the vendor's usage signals so the governor slows down before the limit. */
  observe?: (response: AxiosResponse) => UsageHint | undefined;
  /** @default DEFAULT_RETRY_POLICY */
  retry?: Partial<RetryPolicy>;
  /** The account's shared rate budget; none means calls are not paced. */
  governor?: RateGovernor;
  /** Circuit breaker settings; `false` disables it. */
  breaker?: BreakerOptions | false;
  /** Receives every attempt (telemetry). */
  onCall?: (event: VendorCallEvent) => void;
  /** Receives every retry decision (logging); says why and how long, never what was sent. */
  onRetry?: (event: { vendor: string; operation: string; attempt: number; waitMs: number; reason: string }) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestOptions {
  /** Points this call takes from the governor's budget. @default 1 */
  cost?: number;
  /** Overrides the retry policy for this call (interactive reads retry less than syncs). */
  retry?: Partial<RetryPolicy>;
  /** Absolute instant (epoch ms) after which no retry or governor wait is started. */
  deadline?: number;
}

export interface VendorHttp {
  readonly vendor: string;
  request<T>(operation: string, config: AxiosRequestConfig, options?: RequestOptions): Promise<T>;
  /** Stops the breaker's timers (at shutdown). */
  close(): void;
}

const RETRYABLE_CODES: ReadonlySet<VendorErrorCode> = new Set(['UPSTREAM_THROTTLED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT']);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createVendorHttp(options: VendorHttpOptions): VendorHttp {
  const client: AxiosInstance = axios.create({
    baseURL: options.baseURL,
    headers: { 'user-agent': 'customer-graph-hub/0.1', ...options.headers },
    params: options.params,
    timeout: options.timeoutMs,
    // Every status is judged below, so axios never throws for a response.
    validateStatus: () => true,
  });
  const breaker: VendorBreaker | undefined =
    options.breaker === false ? undefined : createVendorBreaker(options.vendor, options.breaker ?? {});
  const sleep = options.sleep ?? defaultSleep;

  /** Sends once; resolves with the response or throws the VendorError that describes it. */
  async function send(operation: string, config: AxiosRequestConfig): Promise<AxiosResponse> {
    let response: AxiosResponse;
    try {
      response = await client.request(config);
    } catch (error) {
      throw transportError(options.vendor, operation, error);
    }
    const hint = options.observe?.(response);
    if (hint && options.governor) await options.governor.observe(hint);
    const problem = options.interpret?.(response) ?? (response.status >= 400 ? statusProblem(response) : undefined);
    if (!problem) return response;
    const error = new VendorError(problem.message, {
      vendor: options.vendor,
      operation,
      code: problem.code,
      status: response.status,
      retryable: problem.retryable ?? RETRYABLE_CODES.has(problem.code),
      retryAfterMs: problem.retryAfterMs,
    });
    // A throttle answer means the whole account is out of budget: every process waits.
    if (error.code === 'UPSTREAM_THROTTLED' && error.retryAfterMs !== undefined && options.governor) {
      await options.governor.pauseUntil(Date.now() + error.retryAfterMs);
    }
    throw error;
  }

  /** One attempt, reported to `onCall` whatever its outcome. */
  async function attempt(operation: string, config: AxiosRequestConfig, n: number): Promise<AxiosResponse> {
    const started = performance.now();
    const report = (status: number | undefined, outcome: VendorCallEvent['outcome']) =>
      options.onCall?.({ vendor: options.vendor, operation, attempt: n, status, durationMs: performance.now() - started, outcome });
    try {
      const response = await send(operation, config);
      report(response.status, 'ok');
      return response;
    } catch (error) {
      if (error instanceof VendorError) report(error.status, error.code);
      throw error;
    }
  }

  return {
    vendor: options.vendor,
    // Each vendor call (retries included) is a client span in the trace of the query that caused it (off by default).
    request<T>(operation: string, config: AxiosRequestConfig, requestOptions: RequestOptions = {}): Promise<T> {
      return inSpan(`${options.vendor} ${operation}`, SpanKind.CLIENT, { 'hub.vendor': options.vendor, 'hub.vendor.operation': operation }, () =>
        requestWithRetries<T>(operation, config, requestOptions),
      );
    },
    close: () => breaker?.shutdown(),
  };

  async function requestWithRetries<T>(operation: string, config: AxiosRequestConfig, requestOptions: RequestOptions): Promise<T> {
    const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry, ...requestOptions.retry };
    for (let n = 1; ; n++) {
      try {
        if (options.governor) await options.governor.acquire(requestOptions.cost ?? 1, requestOptions.deadline);
        const run = () => attempt(operation, config, n);
        const response = breaker ? await breaker.run(run, operation) : await run();
        return response.data as T;
      } catch (error) {
        if (error instanceof GovernorDeadlineError) {
          throw new VendorError('rate budget exhausted until after the deadline', {
            vendor: options.vendor,
            operation,
            code: 'UPSTREAM_THROTTLED',
            retryable: true,
            retryAfterMs: error.waitMs,
          });
        }
        if (!(error instanceof VendorError)) throw error;
        const remainingMs = requestOptions.deadline === undefined ? undefined : requestOptions.deadline - Date.now();
        const decision = decideRetry(error, n, policy, { remainingMs });
        if (!decision.retry) throw error;
        options.onRetry?.({ vendor: options.vendor, operation, attempt: n, waitMs: decision.waitMs, reason: decision.reason });
        await sleep(decision.waitMs);
      }
    }
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
    // An AxiosError carries the request config (headers with credentials): never keep it as the cause.
    cause: axiosError ? undefined : error,
  });
}

/** The default reading of an error status, for vendors whose status codes say it all. */
export function statusProblem(response: AxiosResponse): VendorProblem {
  const status = response.status;
  const code: VendorErrorCode =
    status === 401 || status === 403
      ? 'UPSTREAM_AUTH'
      : status === 404
        ? 'UPSTREAM_NOT_FOUND'
        : status === 429
          ? 'UPSTREAM_THROTTLED'
          : status >= 500
            ? 'UPSTREAM_UNAVAILABLE'
            : 'UPSTREAM_BAD_REQUEST';
  return { code, message: `HTTP ${status}`, retryAfterMs: retryAfterMs(response.headers['retry-after']) };
}

/** `Retry-After` in delta-seconds or HTTP-date form, in milliseconds. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
