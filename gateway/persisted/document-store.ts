/** Where each client's persisted operations live: files or Redis (see file-store.ts, redis-store.ts). */
import type { Manifest } from './manifest.js';

export interface PersistedDocumentStore {
  /** The document a client may run under this id (bare hex), if its manifest holds it. */
  get(client: string, id: string): Promise<string | undefined>;
  list(client: string): Promise<Manifest>;
  /** Adds (or replaces) operations in a client's manifest; returns how many it now holds. */
  publish(client: string, operations: Manifest): Promise<number>;
  /** Removes one operation; false when the client's manifest did not hold it. */
  remove(client: string, id: string): Promise<boolean>;
  close(): Promise<void>;
}
