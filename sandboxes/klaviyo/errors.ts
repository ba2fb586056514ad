import { randomUUID } from 'node:crypto';

/**
 * Klaviyo's JSON:API error document: `errors[]` of `{id, status, code, title, detail, source, links, meta}`.
 * @see https://developers.klaviyo.com/en/docs/rate_limits_and_error_handling
 */
export function klaviyoErrors(
  status: number,
  code: string,
  title: string,
  detail: string,
  source?: Record<string, string>,
  links: Record<string, string> = {},
) {
  return { errors: [{ id: randomUUID(), status, code, title, detail, source: source ?? { pointer: '/data/' }, links, meta: {} }] };
}

export const invalid = (detail: string, source?: Record<string, string>) => klaviyoErrors(400, 'invalid', 'Invalid input.', detail, source);

export const notFound = (detail: string) => klaviyoErrors(404, 'not_found', 'Not found.', detail);

/** The 429 body Klaviyo sends with `Retry-After`. */
export const throttled = (retryAfterSeconds: number) =>
  klaviyoErrors(
    429,
    'throttled',
    'Request was throttled.',
    `Request was throttled. Expected available in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
    { pointer: '/data/' },
    { type: 'https://developers.klaviyo.com/en/docs/rate_limits_and_error_handling#rate-limits' },
  );
