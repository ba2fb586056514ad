/**
 * The gateway→subgraph trust link. The gateway signs each subgraph call with HMAC-SHA256
 * (Hive's hmac-upstream-signature, `extensions["hmac-signature"]`) over the document, the
 * variables and the caller it acts for (`extensions.hubCaller`: client name, scopes, time), so a
 * subgraph can both refuse calls that did not come through the gateway and re-check a caller's
 * scopes on mutations without trusting anything unsigned.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  defaultExecutionRequestSerializer,
  defaultParamsSerializer,
} from '@graphql-mesh/hmac-upstream-signature';

export const SIGNATURE_EXTENSION = 'hmac-signature';
export const CALLER_EXTENSION = 'hubCaller';
/** How old a signed call may be: bounds the replay of a captured internal request. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60_000;

export interface UpstreamCaller {
  client: string;
  scopes: string[];
  /** Epoch milliseconds at which the gateway signed the call. */
  at: number;
}

type ExecutionRequestLike = Parameters<typeof defaultExecutionRequestSerializer>[0];

/** The caller part of the signed payload, with a fixed key and scope order. */
function callerPart(caller: unknown): string {
  if (!caller || typeof caller !== 'object') return '';
  const { client, scopes, at } = caller as Partial<UpstreamCaller>;
  return JSON.stringify({ at, client, scopes: Array.isArray(scopes) ? [...scopes].sort() : scopes });
}

/** What the gateway signs for one subgraph call (passed to the plugin's `serializeExecutionRequest`). */
export function serializeSignedExecutionRequest(request: ExecutionRequestLike): string {
  const caller = (request.extensions as Record<string, unknown> | undefined)?.[CALLER_EXTENSION];
  return `${defaultExecutionRequestSerializer(request)}\n${callerPart(caller)}`;
}

export interface SignedParams {
  query?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

function payloadOf(params: SignedParams): string {
  const serialized = defaultParamsSerializer({ query: params.query ?? undefined, variables: params.variables ?? undefined } as never);
  return `${serialized}\n${callerPart(params.extensions?.[CALLER_EXTENSION])}`;
}

const hmac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload, 'utf8').digest('base64');

/** Signs a request the gateway builds itself (readiness probes): returns the extensions to send. */
export function signParams(secret: string, params: SignedParams): Record<string, unknown> {
  return { ...params.extensions, [SIGNATURE_EXTENSION]: hmac(secret, payloadOf(params)) };
}

export type SignatureCheck =
  | { ok: true; caller: UpstreamCaller | undefined }
  | { ok: false; reason: 'missing_signature' | 'invalid_signature' | 'stale_signature' };

export function verifySignedParams(secret: string, params: SignedParams, now = Date.now()): SignatureCheck {
  const presented = params.extensions?.[SIGNATURE_EXTENSION];
  if (typeof presented !== 'string' || presented === '') return { ok: false, reason: 'missing_signature' };
  const expected = Buffer.from(hmac(secret, payloadOf(params)), 'base64');
  const given = Buffer.from(presented, 'base64');
  // Length guard first: timingSafeEqual throws on buffers of different lengths.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid_signature' };
  const caller = params.extensions?.[CALLER_EXTENSION] as UpstreamCaller | undefined;
  if (caller && !(Math.abs(now - caller.at) <= MAX_SIGNATURE_AGE_MS)) return { ok: false, reason: 'stale_signature' };
  return { ok: true, caller };
}
