/**
 * Quiet hours in the customer's local time, with plain `Intl` (no time-zone library needed):
 * whether an instant falls inside them and when they end, correct across DST changes.
 */
import type { QuietHours } from '../../config/frequency-settings.js';
import type { Channel } from '../../connectors/unified/event.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(at: number, zone: string) {
  const parts = Object.fromEntries(formatter(zone).formatToParts(at).map((p) => [p.type, p.value]));
  const n = (k: string) => Number(parts[k]);
  return { year: n('year'), month: n('month'), day: n('day'), hour: n('hour'), minute: n('minute'), second: n('second') };
}

/** The zone's offset from UTC at an instant, in ms (New York in winter: -5 h). */
function offsetMs(at: number, zone: string): number {
  const w = wallClock(at, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

export const isTimeZone = (zone: string): boolean => {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
};

export type QuietCheck = { quiet: false } | { quiet: true; until: number };

/** Whether `at` is inside quiet hours for `channel` in `zone`, and if so the instant they end. */
export function checkQuietHours(at: number, channel: Channel, zone: string, quiet: QuietHours | undefined): QuietCheck {
  if (!quiet || !quiet.channels.includes(channel)) return { quiet: false };
  const w = wallClock(at, zone);
  const minute = w.hour * 60 + w.minute;
  const inside =
    quiet.startMinute < quiet.endMinute
      ? minute >= quiet.startMinute && minute < quiet.endMinute
      : minute >= quiet.startMinute || minute < quiet.endMinute;
  if (!inside) return { quiet: false };
  // Wall-clock distance to the end, then corrected by any offset change in between (DST).
  const minutesLeft = (quiet.endMinute - minute + 1440) % 1440;
  const naive = at - (at % 1000) - w.second * 1000 + minutesLeft * 60_000;
  return { quiet: true, until: naive + offsetMs(at, zone) - offsetMs(naive, zone) };
}
