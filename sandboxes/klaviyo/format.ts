/**
 * How Klaviyo writes times and ids: ISO 8601 with an explicit `+00:00` offset and no fraction
 * (`2026-01-01T00:00:00+00:00`), six-character base62 ids for lists, segments and metrics,
 * ULID-shaped profile ids, and short base62 event ids.
 */
import type { Random } from '../demo-world/random.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const HEX = '0123456789abcdef';

export function klaviyoTime(at: number | string | Date): string {
  const ms = typeof at === 'number' ? at : new Date(at).getTime();
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

export const shortId = (random: Random): string => random.chars(BASE62, 6);
export const eventId = (random: Random): string => random.chars(BASE62, 12);
export const profileId = (random: Random): string => `01J${random.chars(CROCKFORD, 23)}`;

/** A version-1-shaped UUID, as Klaviyo's event `uuid` is. */
export function eventUuid(random: Random): string {
  const h = (n: number) => random.chars(HEX, n);
  return `${h(8)}-${h(4)}-11f0-${random.pick(['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
}
