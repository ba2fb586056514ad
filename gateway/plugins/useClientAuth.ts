/**
 * Identifies the caller of every GraphQL request before anything else runs: an API key in
 * `x-api-key`, or a JWT in `Authorization: Bearer`. Anonymous or unverifiable callers get 401
 * `UNAUTHENTICATED` and nothing else. The page of the GraphQL IDE (a browser GET asking for HTML)
 * is the one exception: it holds no data, and every query it sends is authenticated like any other.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { setClientOf, type AuthenticatedClient } from '../clients/authenticated-client.js';
import type { ClientRegistry } from '../clients/client-registry.js';
import type { JwtVerifier } from '../clients/jwt-verifier.js';
import { errorResponse } from '../errors.js';

export interface ClientAuthOptions {
  registry: ClientRegistry;
  /** Verifies bearer tokens; undefined refuses them (no JWKS configured). */
  verifyJwt: JwtVerifier | undefined;
  /** Serve the IDE page to a browser without credentials. @default true */
  idePage?: boolean;
  /** Called for each refused request (metrics, logs); `reason` names no secret. */
  onRefused?: (reason: string) => void;
}

const isIdePageRequest = (request: Request) =>
  request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');

async function authenticate(request: Request, options: ClientAuthOptions): Promise<AuthenticatedClient | string> {
  const apiKey = request.headers.get('x-api-key');
  if (apiKey) return options.registry.byApiKey(apiKey) ?? 'the API key is not valid';
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const [scheme, token] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) return 'the Authorization header must be `Bearer <token>`';
    if (!options.verifyJwt) return 'this gateway accepts no bearer tokens (no JWKS configured)';
    try {
      return await options.verifyJwt(token);
    } catch (error) {
      return (error as Error).message;
    }
  }
  return 'no credentials: send an API key in `x-api-key` or a bearer token in `Authorization`';
}

export function useClientAuth(options: ClientAuthOptions): GatewayPlugin {
  const idePage = options.idePage ?? true;
  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      if (idePage && isIdePageRequest(request)) return;
      const result = await authenticate(request, options);
      if (typeof result === 'string') {
        options.onRefused?.(result);
        endResponse(errorResponse('UNAUTHENTICATED', { message: `Not authenticated: ${result}.`, headers: { 'www-authenticate': 'Bearer' } }, fetchAPI.Response));
        return;
      }
      setClientOf(request, result);
    },
  };
}
