import { randomUUID } from 'node:crypto';

/** Klaviyo's JSON:API error document. */
export function klaviyoErrors(status: number, code: string, title: string, detail: string, source?: Record<string, string>) {
  return { errors: [{ id: randomUUID(), status, code, title, detail, source: source ?? { pointer: '/data/' }, links: {}, meta: {} }] };
}
