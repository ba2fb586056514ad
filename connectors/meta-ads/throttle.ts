/**
 * How the hub reads Meta's answers, as pure functions the HTTP core calls for every response:
 * - `interpretMetaResponse`: Meta puts the failure in the body (`error.code`, `error_subcode`,
 *   `is_transient`), usually with HTTP 400 even when it is throttling; this maps it to the closed
 *   set of codes, with the wait Meta announces when it announces one.
 * - `observeMetaUsage`: the usage headers (`X-App-Usage`, `X-Ad-Account-Usage`,
 *   `X-Business-Use-Case-Usage`, JSON strings of percentages) tell how much budget is used before
 *   any call is refused; the governor spaces calls out as they approach 100, and pauses everyone
 *   for the time Meta says access is regained.
 * @see https://developers.facebook.com/docs/graph-api/overview/rate-limiting
 * @see https://developers.facebook.com/docs/marketing-api/error-reference
 */
import type { AxiosResponse } from 'axios';
import type { UsageHint } from '../http/governor.js';
import type { VendorProblem } from '../http/vendor-http.js';

/** Throttling: app (4), user (17), page (32), custom (613), and the business use cases (80000–80014). */
export function isThrottleCode(code: number): boolean {
  return code === 4 || code === 17 || code === 32 || code === 613 || (code >= 80_000 && code <= 80_014);
}

/** Token and permission failures: invalid or expired token (190, 102, 104), permissions (10, 200–299). */
const isAuthCode = (code: number) => code === 190 || code === 102 || code === 104 || code === 10 || (code >= 200 && code <= 299);

interface GraphErrorBody {
  code?: unknown;
  error_subcode?: unknown;
  is_transient?: unknown;
  type?: unknown;
}

export function interpretMetaResponse(response: Pick<AxiosResponse, 'status' | 'data' | 'headers'>): VendorProblem | undefined {
  const error = graphError(response.data);
  if (!error) {
    if (response.status >= 500) return { code: 'UPSTREAM_UNAVAILABLE', message: `HTTP ${response.status}` };
    return undefined;
  }
  const code = typeof error.code === 'number' ? error.code : Number(error.code);
  const subcode = typeof error.error_subcode === 'number' ? error.error_subcode : undefined;
  // Meta's own message can echo request values: only codes go into the hub's error text.
  const label = `Graph error ${code}${subcode === undefined ? '' : `/${subcode}`}`;
  if (isThrottleCode(code)) {
    const wait = readUsage(response.headers).regainMs;
    return { code: 'UPSTREAM_THROTTLED', message: `${label}: rate limited`, retryable: true, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  }
  if (isAuthCode(code)) return { code: 'UPSTREAM_AUTH', message: `${label}: access token refused`, retryable: false };
  // 100/33: no such object; 803: some ids of a multi-id lookup do not exist.
  if ((code === 100 && subcode === 33) || code === 803) return { code: 'UPSTREAM_NOT_FOUND', message: `${label}: no such object`, retryable: false };
  if (code === 1 || code === 2 || error.is_transient === true || response.status >= 500) {
    return { code: 'UPSTREAM_UNAVAILABLE', message: `${label}: temporary failure`, retryable: true };
  }
  return { code: 'UPSTREAM_BAD_REQUEST', message: `${label}: request refused`, retryable: false };
}

/** The share of Meta's budget in use (highest of every dimension reported) and any announced pause. */
export function observeMetaUsage(response: Pick<AxiosResponse, 'headers'>, now = Date.now()): UsageHint | undefined {
  const usage = readUsage(response.headers);
  if (usage.percentages.length === 0 && usage.regainMs === undefined) return undefined;
  const used = usage.percentages.length > 0 ? Math.max(...usage.percentages) / 100 : undefined;
  return {
    ...(used === undefined ? {} : { used: Math.min(1, Math.max(0, used)) }),
    ...(usage.regainMs === undefined ? {} : { pauseUntil: now + usage.regainMs }),
  };
}

interface Usage {
  percentages: number[];
  /** How long Meta says a spent budget takes to come back, when it says. */
  regainMs: number | undefined;
}

function readUsage(headers: AxiosResponse['headers']): Usage {
  const percentages: number[] = [];
  let regainMs: number | undefined;
  const longer = (ms: number) => {
    if (ms > 0) regainMs = Math.max(regainMs ?? 0, ms);
  };
  const app = jsonHeader(headers, 'x-app-usage');
  if (app) percentages.push(...numbers(app, ['call_count', 'total_time', 'total_cputime']));
  const account = jsonHeader(headers, 'x-ad-account-usage');
  if (account) {
    const [pct] = numbers(account, ['acc_id_util_pct']);
    if (pct !== undefined) percentages.push(pct);
    const [reset] = numbers(account, ['reset_time_duration']);
    // The reset duration is a wait only once the score is spent.
    if (pct !== undefined && pct >= 100 && reset !== undefined) longer(reset * 1000);
  }
  const buc = jsonHeader(headers, 'x-business-use-case-usage');
  for (const entries of Object.values(buc ?? {})) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as Record<string, unknown>[]) {
      percentages.push(...numbers(entry, ['call_count', 'total_time', 'total_cputime']));
      const [minutes] = numbers(entry, ['estimated_time_to_regain_access']);
      if (minutes !== undefined) longer(minutes * 60_000);
    }
  }
  return { percentages, regainMs };
}

function graphError(data: unknown): GraphErrorBody | undefined {
  const body = typeof data === 'string' ? safeJson(data) : data;
  const error = (body as { error?: unknown } | undefined)?.error;
  return error && typeof error === 'object' ? (error as GraphErrorBody) : undefined;
}

function jsonHeader(headers: AxiosResponse['headers'], name: string): Record<string, unknown> | undefined {
  const raw: unknown = typeof headers?.get === 'function' ? headers.get(name) : (headers as Record<string, unknown>)?.[name];
  if (typeof raw !== 'string') return undefined;
  const parsed = safeJson(raw);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

function numbers(object: Record<string, unknown>, keys: string[]): number[] {
  return keys.map((key) => Number(object[key])).filter((n) => Number.isFinite(n));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
