/**
 * The Graph API error envelope. Meta answers most errors, throttling included, with HTTP 400 and
 * the detail in the body: `code`, `error_subcode`, `is_transient`, `fbtrace_id`.
 * @see https://developers.facebook.com/docs/graph-api/guides/error-handling
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export interface GraphErrorExtra {
  type?: string;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
}

export function graphError(code: number, message: string, extra: GraphErrorExtra = {}) {
  return {
    error: {
      message,
      type: extra.type ?? 'OAuthException',
      code,
      ...(extra.error_subcode === undefined ? {} : { error_subcode: extra.error_subcode }),
      ...(extra.is_transient === undefined ? {} : { is_transient: extra.is_transient }),
      ...(extra.error_user_title === undefined ? {} : { error_user_title: extra.error_user_title }),
      ...(extra.error_user_msg === undefined ? {} : { error_user_msg: extra.error_user_msg }),
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  };
}

/** A request error raised inside a handler; the app turns it into Meta's envelope. */
export class GraphRequestError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly extra: GraphErrorExtra = {},
    readonly status = 400,
  ) {
    super(message);
  }
}

export const invalidParameter = (message: string, extra: GraphErrorExtra = {}) =>
  new GraphRequestError(100, `(#100) ${message}`, { type: 'OAuthException', ...extra });

export const unsupportedRequest = (method: string, id: string) =>
  new GraphRequestError(
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    { type: 'GraphMethodException', error_subcode: 33 },
  );

export const unknownPath = (edge: string) =>
  new GraphRequestError(2500, `Unknown path components: /${edge}`, { type: 'OAuthException' });

export function sendGraphError(reply: FastifyReply, error: GraphRequestError) {
  return reply.code(error.status).send(graphError(error.code, error.message, error.extra));
}
