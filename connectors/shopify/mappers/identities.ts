/**
 * The identities a Shopify record reveals, normalized: the customer GID, email, phone (E.164),
 * and the gclid of a Google ad click found in an order's landing page.
 */
import type { Identity } from '../../unified/identity.js';
import { normalizeEmail, normalizePhone } from '../../unified/normalize.js';

export function identitiesOf(facts: { customerId?: string | null; email?: string | null; phone?: string | null; landingSite?: string | null }): Identity[] {
  const out: Identity[] = [];
  if (facts.customerId) out.push({ kind: 'SHOPIFY', value: facts.customerId });
  const email = normalizeEmail(facts.email);
  if (email) out.push({ kind: 'EMAIL', value: email });
  const phone = normalizePhone(facts.phone);
  if (phone) out.push({ kind: 'PHONE', value: phone });
  const gclid = gclidOf(facts.landingSite);
  if (gclid) out.push({ kind: 'GCLID', value: gclid });
  return out;
}

/** The `gclid` query parameter of a landing path (`/?gclid=...`) or URL, if any. */
export function gclidOf(landingSite: string | null | undefined): string | undefined {
  if (!landingSite) return undefined;
  try {
    return new URL(landingSite, 'https://shop.invalid').searchParams.get('gclid') ?? undefined;
  } catch {
    return undefined;
  }
}
