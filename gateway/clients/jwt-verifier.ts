/**
 * Verifies `Authorization: Bearer` tokens against the configured JWKS (jose caches and rotates
 * its keys). A token must name a configured client in its client claim; its scopes (a
 * space-separated string or an array, from the scopes claim) are narrowed to what that client
 * may ever hold, so a token can never grant more than the client's configuration.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { HubConfig } from '../../config/env.js';
import type { AuthenticatedClient } from './authenticated-client.js';
import { toAuthenticated, type ClientRegistry } from './client-registry.js';

export type JwtVerifier = (token: string) => Promise<AuthenticatedClient>;

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

function scopesFromClaim(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(/\s+/).filter(Boolean);
  if (Array.isArray(claim)) return claim.filter((s): s is string => typeof s === 'string');
  return [];
}

export function createJwtVerifier(jwt: NonNullable<HubConfig['gateway']['jwt']>, registry: ClientRegistry): JwtVerifier {
  const keys = createRemoteJWKSet(new URL(jwt.jwksUrl));
  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer: jwt.issuer, audience: jwt.audience }));
    } catch (error) {
      throw new InvalidTokenError(`the bearer token was refused: ${(error as Error).message}`);
    }
    const clientName = payload[jwt.clientClaim];
    const client = typeof clientName === 'string' ? registry.byName(clientName) : undefined;
    if (!client) throw new InvalidTokenError(`the bearer token names no configured client in "${jwt.clientClaim}"`);
    const granted = scopesFromClaim(payload[jwt.scopesClaim]).filter((s) => client.scopes.includes(s));
    return toAuthenticated(client, 'jwt', granted);
  };
}
