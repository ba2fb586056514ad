/** Opens the configured manifest store: Redis (`GATEWAY_PERSISTED_STORE=redis`) or the folder. */
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import type { HubConfig } from '../../config/env.js';
import type { PersistedDocumentStore } from './document-store.js';
import { createFileDocumentStore } from './file-store.js';
import { createRedisDocumentStore } from './redis-store.js';

/** The manifests shipped with the hub (the demo partner's), found from this module. */
export const DEFAULT_PERSISTED_DIR = fileURLToPath(new URL('../../persisted/', import.meta.url));

export function createDocumentStore(
  config: HubConfig,
  redis: Redis | undefined,
  options: { watch: boolean; onError?: (file: string, error: unknown) => void },
): Promise<PersistedDocumentStore> {
  if (config.gateway.persisted.store === 'redis') {
    if (!redis) throw new Error('GATEWAY_PERSISTED_STORE=redis needs REDIS_URL');
    return createRedisDocumentStore({ redis, keyPrefix: config.redis?.keyPrefix ?? 'hub:', subscribe: options.watch });
  }
  return createFileDocumentStore({ dir: config.gateway.persisted.dir ?? DEFAULT_PERSISTED_DIR, watch: options.watch, onError: options.onError });
}
