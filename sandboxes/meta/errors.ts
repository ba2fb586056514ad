import { randomBytes } from 'node:crypto';

/** The Graph API error envelope; Meta answers most errors with HTTP 400. */
export function graphError(code: number, message: string, extra: { type?: string; error_subcode?: number; is_transient?: boolean } = {}) {
  return {
    error: {
      message,
      type: extra.type ?? 'OAuthException',
      code,
      ...(extra.error_subcode === undefined ? {} : { error_subcode: extra.error_subcode }),
      ...(extra.is_transient === undefined ? {} : { is_transient: extra.is_transient }),
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  };
}
