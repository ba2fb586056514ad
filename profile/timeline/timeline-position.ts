/**
 * An event's place on the timeline: `{occurredAt as UTC ISO, 24 chars}|{event id}`. Fixed-width
 * UTC time first makes plain string order equal time order, with the event id breaking ties, so
 * both adapters sort, seek and bound with ordinary string comparison (Redis: BYLEX ranges).
 * Cursors are this position, wrapped so that clients treat them as opaque.
 */
import { TimelineQueryError } from './timeline-query-error.js';

const ISO_LENGTH = 24; // 2026-11-01T00:00:00.000Z
const CURSOR_PREFIX = 'tl1:';

/** UTC ISO with milliseconds; throws on an unparseable time. */
export function utcIso(time: string): string {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new Error(`Not a time: ${time}`);
  const iso = new Date(ms).toISOString();
  if (iso.length !== ISO_LENGTH) throw new Error(`Time outside years 0000-9999: ${time}`);
  return iso;
}

export const positionOf = (event: { occurredAt: string; id: string }): string => `${utcIso(event.occurredAt)}|${event.id}`;

export const idOfPosition = (position: string): string => position.slice(ISO_LENGTH + 1);

/** The position every event at or after `time` sorts after (time-only prefix). */
export const timeBoundary = (time: string): string => `${utcIso(time)}|`;

export const encodeCursor = (position: string): string => Buffer.from(CURSOR_PREFIX + position).toString('base64url');

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const position = decoded.slice(CURSOR_PREFIX.length);
  const valid =
    decoded.startsWith(CURSOR_PREFIX) &&
    position.length > ISO_LENGTH + 1 &&
    position[ISO_LENGTH] === '|' &&
    !Number.isNaN(Date.parse(position.slice(0, ISO_LENGTH))) &&
    new Date(position.slice(0, ISO_LENGTH)).toISOString() === position.slice(0, ISO_LENGTH);
  if (!valid) throw new TimelineQueryError('after', 'The after cursor is not one this timeline issued.');
  return position;
}
