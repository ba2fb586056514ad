/** Opaque cursors: base64url of a kind tag and the store's own position. */
import { badInput } from './bad-input.js';

export const encodeCursor = (kind: string, position: string): string => Buffer.from(`${kind}:${position}`).toString('base64url');

export function decodeCursor(kind: string, cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith(`${kind}:`)) throw badInput('after', 'is not a cursor this API issued');
  return decoded.slice(kind.length + 1);
}

export const MAX_PAGE = 100;

export function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE) throw badInput('first', `must be between 0 and ${MAX_PAGE}`);
  return size;
}
