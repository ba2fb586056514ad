/**
 * The behaviour every UploadedConversionLog adapter must show. Each adapter's test file calls this
 * with a factory; the assertions are the same for memory and Redis.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UploadedConversionLog } from './conversion-log.js';
import type { UploadedConversion } from './mappers/to-conversion-event.js';

export interface ConversionLogFixture {
  log: UploadedConversionLog;
  cleanup: () => Promise<void>;
}

const ACTION = 'customers/1234567890/conversionActions/7001';
const OTHER_ACTION = 'customers/1234567890/conversionActions/7002';

const conversion = (overrides: Partial<UploadedConversion> = {}): UploadedConversion => ({
  gclid: 'Cj0KCQjwAAAAAAAAAAAAAAAAAAA1',
  conversionAction: ACTION,
  conversionActionName: 'Purchase',
  occurredAt: '2026-10-02T10:00:00.000Z',
  value: { amount: '42.50', currencyCode: 'USD' },
  orderId: 'A-1',
  uploadedAt: '2026-10-02T11:00:00.000Z',
  customerId: 'cus_a',
  ...overrides,
});

export function describeConversionLogContract(name: string, create: () => Promise<ConversionLogFixture>): void {
  describe(`UploadedConversionLog contract: ${name}`, () => {
    let fixture: ConversionLogFixture;
    let log: UploadedConversionLog;
    beforeEach(async () => {
      fixture = await create();
      log = fixture.log;
    });
    afterEach(async () => fixture.cleanup());

    it('answers the conversions uploaded for the gclids asked, oldest first, with every field kept', async () => {
      const later = conversion({ occurredAt: '2026-10-05T09:00:00.000Z', orderId: 'A-2' });
      const otherClick = conversion({ gclid: 'Cj0KCQjwAAAAAAAAAAAAAAAAAAA2', occurredAt: '2026-10-03T08:00:00.000Z', customerId: 'cus_b' });
      const unasked = conversion({ gclid: 'Cj0KCQjwAAAAAAAAAAAAAAAAAAA3' });
      await log.record([later, otherClick]);
      await log.record([conversion(), unasked]);
      expect(await log.ofGclids([conversion().gclid, otherClick.gclid])).toEqual([conversion(), otherClick, later]);
      expect(await log.ofGclids([unasked.gclid])).toEqual([unasked]);
    });

    it('answers nothing for a gclid nobody uploaded, or for no gclid at all', async () => {
      await log.record([conversion()]);
      expect(await log.ofGclids(['Cj0KCQjwNOBODY'])).toEqual([]);
      expect(await log.ofGclids([])).toEqual([]);
      await log.record([]);
      expect(await log.ofGclids([conversion().gclid])).toEqual([conversion()]);
    });

    it('records the same conversion (gclid, action, time) once, keeping the first record', async () => {
      await log.record([conversion()]);
      await log.record([conversion({ uploadedAt: '2026-10-09T00:00:00.000Z', orderId: 'replayed' })]);
      expect(await log.ofGclids([conversion().gclid])).toEqual([conversion()]);
    });

    it('keeps apart conversions of one click that differ in action or time', async () => {
      const otherAction = conversion({ conversionAction: OTHER_ACTION, conversionActionName: 'Lead' });
      const otherTime = conversion({ occurredAt: '2026-10-02T10:00:01.000Z' });
      await log.record([conversion(), otherAction, otherTime]);
      const read = await log.ofGclids([conversion().gclid]);
      expect(read).toHaveLength(3);
      expect(read).toEqual(expect.arrayContaining([conversion(), otherAction, otherTime]));
      expect(read.at(-1)).toEqual(otherTime);
    });

    it('answers each conversion once when a gclid is asked twice', async () => {
      await log.record([conversion()]);
      expect(await log.ofGclids([conversion().gclid, conversion().gclid])).toEqual([conversion()]);
    });

    it('keeps optional fields absent when a conversion has none', async () => {
      const bare: UploadedConversion = { gclid: 'Cj0KCQjwBARE', conversionAction: ACTION, occurredAt: '2026-10-04T00:00:00.000Z', uploadedAt: '2026-10-04T00:00:01.000Z' };
      await log.record([bare]);
      expect(await log.ofGclids([bare.gclid])).toEqual([bare]);
    });
  });
}
