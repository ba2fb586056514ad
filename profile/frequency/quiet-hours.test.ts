import { describe, expect, it } from 'vitest';
import type { QuietHours } from '../../config/frequency-settings.js';
import { checkQuietHours } from './quiet-hours.js';

const NIGHT: QuietHours = { startMinute: 21 * 60, endMinute: 8 * 60, channels: ['SMS', 'PUSH', 'EMAIL'] };
const at = (iso: string) => Date.parse(iso);
const NY = 'America/New_York';

describe('quiet hours in the customer’s zone', () => {
  it('starts at 21:00 and ends at 08:00 New York time (EST, UTC-5), end exclusive', () => {
    expect(checkQuietHours(at('2026-11-03T01:59:59Z'), 'SMS', NY, NIGHT)).toEqual({ quiet: false });
    expect(checkQuietHours(at('2026-11-03T02:00:00Z'), 'SMS', NY, NIGHT)).toEqual({ quiet: true, until: at('2026-11-03T13:00:00Z') });
    expect(checkQuietHours(at('2026-11-03T12:59:59.500Z'), 'SMS', NY, NIGHT)).toEqual({ quiet: true, until: at('2026-11-03T13:00:00Z') });
    expect(checkQuietHours(at('2026-11-03T13:00:00Z'), 'SMS', NY, NIGHT)).toEqual({ quiet: false });
  });

  it('is judged in the zone, not in UTC: 23:00 UTC is quiet in Tokyo (08:00 is not) and daytime in New York', () => {
    expect(checkQuietHours(at('2026-11-02T23:00:00Z'), 'PUSH', 'Asia/Tokyo', NIGHT)).toEqual({ quiet: false });
    expect(checkQuietHours(at('2026-11-02T12:30:00Z'), 'PUSH', 'Asia/Tokyo', NIGHT)).toEqual({ quiet: true, until: at('2026-11-02T23:00:00Z') });
    expect(checkQuietHours(at('2026-11-02T23:00:00Z'), 'PUSH', NY, NIGHT)).toEqual({ quiet: false });
  });

  it('ends at 08:00 local across a DST change (New York falls back on 1 November 2026)', () => {
    // 21:30 EDT (UTC-4) on 31 October; quiet hours end at 08:00 EST (UTC-5) the next morning.
    expect(checkQuietHours(at('2026-11-01T01:30:00Z'), 'EMAIL', NY, NIGHT)).toEqual({ quiet: true, until: at('2026-11-01T13:00:00Z') });
    // And spring forward: 22:00 EST on 7 March 2026, ending 08:00 EDT on 8 March.
    expect(checkQuietHours(at('2026-03-08T03:00:00Z'), 'EMAIL', NY, NIGHT)).toEqual({ quiet: true, until: at('2026-03-08T12:00:00Z') });
  });

  it('applies only to its channels, handles a daytime window, and can be off', () => {
    expect(checkQuietHours(at('2026-11-03T03:00:00Z'), 'PAID_SOCIAL', NY, NIGHT)).toEqual({ quiet: false });
    const lunch: QuietHours = { startMinute: 12 * 60, endMinute: 13 * 60 + 30, channels: ['SMS'] };
    expect(checkQuietHours(at('2026-11-02T03:15:00Z'), 'SMS', 'Asia/Tokyo', lunch)).toEqual({ quiet: true, until: at('2026-11-02T04:30:00Z') });
    expect(checkQuietHours(at('2026-11-02T04:30:00Z'), 'SMS', 'Asia/Tokyo', lunch)).toEqual({ quiet: false });
    expect(checkQuietHours(at('2026-11-03T03:00:00Z'), 'SMS', NY, undefined)).toEqual({ quiet: false });
  });
});
