/**
 * What every Google Ads call passes before its handler: a live API version, an OAuth bearer
 * token, a `login-customer-id` that names the account or its manager (required when the user
 * reaches the account only through the manager), access to the customer in the path, and the
 * quota. The `developer-token` header is ignored: Google sunset developer tokens on Sep 9 2026.
 * @see https://developers.google.com/google-ads/api/rest/auth#request_headers
 * @see https://developers.google.com/google-ads/api/docs/api-policy/developer-token
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerToken } from '../kit/create-sandbox-app.js';
import type { SandboxControls } from '../kit/controls.js';
import { entry, invalidArgument, permissionDenied, unauthenticated, type GoogleAdsApiError } from './errors.js';
import type { QuotaGuard } from './quota.js';
import type { GoogleAdsState } from './state.js';

/** Majors live in October 2026 (v22 was sunset on Oct 7 2026). */
export const LIVE_API_VERSIONS = ['v23', 'v24', 'v25', 'v26'] as const;

export interface AccessOptions {
  token: string;
  /** A revoked token is refused as Google refuses one (OAUTH_TOKEN_REVOKED); flipped by the admin route. */
  oauth: { revoked: boolean };
  /** When true the OAuth user reaches the account only through its manager, so `login-customer-id` is required. */
  requireLoginCustomerId: boolean;
  quota: QuotaGuard;
  controls: SandboxControls;
}

/** Operations a request spends from the daily budget: one per search, one per mutate operation. */
function operationCount(request: FastifyRequest): number {
  const body = request.body as { operations?: unknown[] } | undefined;
  return request.url.includes('userLists:mutate') && Array.isArray(body?.operations) ? Math.max(1, body.operations.length) : 1;
}

export function checkAccess(request: FastifyRequest, state: GoogleAdsState, options: AccessOptions): GoogleAdsApiError | undefined {
  const token = bearerToken(request);
  if (token === undefined) {
    return unauthenticated(entry('authenticationError', 'OAUTH_TOKEN_HEADER_INVALID', 'Oauth token HTTP header is malformed.'));
  }
  if (token !== options.token) {
    return unauthenticated(entry('authenticationError', 'OAUTH_TOKEN_INVALID', 'Oauth token is invalid.'));
  }
  if (options.oauth.revoked) {
    return unauthenticated(entry('authenticationError', 'OAUTH_TOKEN_REVOKED', 'Oauth token is revoked.'));
  }
  const { customerId } = request.params as { customerId: string };
  const login = request.headers['login-customer-id'];
  if (login !== undefined && (typeof login !== 'string' || !/^\d{10}$/.test(login))) {
    return invalidArgument(entry('headerError', 'INVALID_LOGIN_CUSTOMER_ID', 'The login customer ID could not be validated.', undefined, String(login)));
  }
  if (login === undefined && options.requireLoginCustomerId) {
    return invalidArgument(entry('requestError', 'LOGIN_CUSTOMER_ID_PARAMETER_MISSING', 'The login-customer-id parameter is required for this request.'));
  }
  const reachable = customerId === state.customerId;
  const viaManager = login === state.managerCustomerId;
  // Direct access, or through the manager; a user with access only through the manager must say so.
  const allowed = reachable && (viaManager || (!options.requireLoginCustomerId && (login === undefined || login === state.customerId)));
  if (!allowed) {
    return permissionDenied(
      entry(
        'authorizationError',
        'USER_PERMISSION_DENIED',
        "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header.",
      ),
    );
  }
  return options.controls.throttling ? options.quota.check(customerId, operationCount(request)) : undefined;
}

export function registerAccessHook(app: FastifyInstance, state: GoogleAdsState, options: AccessOptions): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/__sandbox')) return;
    const { version } = request.params as { version?: string };
    const major = /^v(\d+)$/.exec(version ?? '')?.[1];
    if (major !== undefined && Number(major) < 23) {
      throw invalidArgument(entry('requestError', 'UNSUPPORTED_VERSION', `Version ${version} has been sunset and is no longer supported.`));
    }
    if (!version || !(LIVE_API_VERSIONS as readonly string[]).includes(version)) {
      return reply.code(404).send({ error: { code: 404, message: 'Method not found.', status: 'NOT_FOUND' } });
    }
    const failure = checkAccess(request, state, options);
    if (failure) throw failure;
  });
}
