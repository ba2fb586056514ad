/**
 * One structured log line per request: client, operation, status, duration. Never the document,
 * the variables (they hold emails and phone numbers) nor any header (keys, tokens). Successes log
 * at debug, client errors at info, server errors at error.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger } from '../../platform/logger.js';
import { clientOf } from '../clients/authenticated-client.js';
import { operationLabel } from './useMetrics.js';

export function useAccessLog(logger: Logger): GatewayPlugin {
  const started = new WeakMap<Request, number>();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onResponse({ request, response }) {
      const status = response.status;
      const level = status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug';
      if (!logger.isLevelEnabled(level)) return;
      const begin = started.get(request);
      logger[level](
        {
          client: clientOf(request)?.name ?? 'anonymous',
          operation: operationLabel(request),
          status,
          durationMs: begin === undefined ? undefined : Math.round((performance.now() - begin) * 10) / 10,
        },
        'graphql request',
      );
    },
  };
}
