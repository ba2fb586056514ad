import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** HubSpot's error body: `{status, message, correlationId, category, ...}`. */
export function hubSpotError(category: string, message: string, extra: Record<string, unknown> = {}) {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

/** A 400 VALIDATION_ERROR, HubSpot's answer to a malformed request. */
export function validationError(reply: FastifyReply, message: string) {
  return reply.code(400).send(hubSpotError('VALIDATION_ERROR', message));
}
