/**
 * Per-client rate limits (rate-limiter-flexible): each client has its own budget of `points`
 * requests per `durationSeconds`, held in Redis when the hub has one (shared by every gateway
 * replica) and in memory otherwise. An exhausted budget is answered 429 `RATE_LIMITED` with
 * `Retry-After`, before any parsing or planning, so one noisy client cannot starve the others.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { clientOf, type AuthenticatedClient } from '../clients/authenticated-client.js';
import { errorResponse } from '../errors.js';

export interface RateLimitOptions {
  /** Shared store; undefined keeps the counters in this process. */
  redis: Redis | undefined;
  /** Prefix of the Redis keys. @default 'hub:' */
  keyPrefix?: string;
  /** Called for each refusal (metrics). */
  onLimited?: (client: AuthenticatedClient) => void;
  /** Called when the counter store fails (the request is let through). */
  onStoreError?: (error: unknown) => void;
}

export function useRateLimit(options: RateLimitOptions): GatewayPlugin {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (client: AuthenticatedClient) => {
    let limiter = limiters.get(client.name);
    if (!limiter) {
      const settings = { points: client.rateLimit.points, duration: client.rateLimit.durationSeconds, keyPrefix: `${options.keyPrefix ?? 'hub:'}ratelimit:${client.name}` };
      limiter = options.redis ? new RateLimiterRedis({ ...settings, storeClient: options.redis }) : new RateLimiterMemory(settings);
      limiters.set(client.name, limiter);
    }
    return limiter;
  };
  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      const client = clientOf(request);
      if (!client) return;
      try {
        await limiterFor(client).consume(client.name);
      } catch (rejection) {
        // rate-limiter-flexible rejects with a RateLimiterRes when over budget, an Error when the
        // store fails: then the request goes through (fail open) rather than the whole API failing.
        if (!(rejection instanceof RateLimiterRes)) {
          options.onStoreError?.(rejection);
          return;
        }
        options.onLimited?.(client);
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        endResponse(
          errorResponse(
            'RATE_LIMITED',
            { headers: { 'retry-after': String(retryAfter) }, extensions: { retryAfterSeconds: retryAfter, client: client.name } },
            fetchAPI.Response,
          ),
        );
      }
    },
  };
}
