import { randomUUID } from 'node:crypto';

/** HubSpot's error body: `{status, message, correlationId, category, ...}`. */
export function hubSpotError(category: string, message: string, extra: Record<string, unknown> = {}) {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}
