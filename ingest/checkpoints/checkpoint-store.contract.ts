/**
 * The behaviour every checkpoint adapter must show; memory and Redis run the same assertions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointStores } from './checkpoint-store.js';

export interface CheckpointFixture {
  stores: CheckpointStores;
  cleanup: () => Promise<void>;
}

export function describeCheckpointStoreContract(name: string, create: () => Promise<CheckpointFixture>): void {
  describe(`CheckpointStore contract: ${name}`, () => {
    let fixture: CheckpointFixture;
    beforeEach(async () => {
      fixture = await create();
    });
    afterEach(async () => fixture.cleanup());

    it('reads back what was saved, and undefined for a stream never saved', async () => {
      const sync = fixture.stores('sync');
      expect(await sync.get('shopify:sync:orders')).toBeUndefined();
      await sync.set('shopify:sync:orders', '{"since":"2026-11-01T00:00:00.000Z"}');
      expect(await sync.get('shopify:sync:orders')).toBe('{"since":"2026-11-01T00:00:00.000Z"}');
    });

    it('overwrites a checkpoint as the sync advances', async () => {
      const sync = fixture.stores('sync');
      await sync.set('klaviyo:events', 'a');
      await sync.set('klaviyo:events', 'b');
      expect(await sync.get('klaviyo:events')).toBe('b');
    });

    it('keeps namespaces apart, and clear forgets only its own', async () => {
      const sync = fixture.stores('sync');
      const backfill = fixture.stores('backfill');
      await sync.set('hubspot:contacts', 'scheduler');
      await backfill.set('hubspot:contacts', 'backfill');
      expect(await sync.get('hubspot:contacts')).toBe('scheduler');
      expect(await backfill.get('hubspot:contacts')).toBe('backfill');
      await backfill.clear();
      expect(await backfill.get('hubspot:contacts')).toBeUndefined();
      expect(await sync.get('hubspot:contacts')).toBe('scheduler');
    });

    it('a second store over the same backing sees the first one’s checkpoints (a restart resumes)', async () => {
      await fixture.stores('backfill').set('meta:leads', 'page-3');
      expect(await fixture.stores('backfill').get('meta:leads')).toBe('page-3');
    });
  });
}
