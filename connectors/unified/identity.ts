/**
 * The hub's unified identity vocabulary. Connectors emit identity observations in these terms;
 * the profile resolves them into customers. Nothing here knows about any single vendor's API.
 */
import { z } from 'zod';

export const IDENTITY_KINDS = [
  'EMAIL',
  'PHONE',
  'HUBSPOT',
  'SHOPIFY',
  'KLAVIYO',
  'META_LEAD',
  'GCLID',
] as const;
export const IdentityKindSchema = z.enum(IDENTITY_KINDS);
export type IdentityKind = z.infer<typeof IdentityKindSchema>;

export const IdentitySchema = z.object({ kind: IdentityKindSchema, value: z.string().min(1) });
export type Identity = z.infer<typeof IdentitySchema>;

export const SOURCES = ['hubspot', 'shopify', 'klaviyo', 'meta', 'google-ads', 'hub'] as const;
export type Source = (typeof SOURCES)[number];

/** One vendor record saying "these identifiers belong to one person". */
export interface IdentityObservation {
  source: Source;
  /** The vendor's own id of the record that made the observation. */
  sourceRecordId: string;
  identities: Identity[];
  observedAt: string;
  /** `timeZone`: an IANA zone the vendor's profile states (Klaviyo `location.timezone`), for quiet hours. */
  traits?: { firstName?: string | undefined; lastName?: string | undefined; timeZone?: string | undefined };
}

/** Identifier kinds that may appear at most once per customer (a person has one account per vendor). */
export const SINGLE_VALUED_KINDS: ReadonlySet<IdentityKind> = new Set(['HUBSPOT', 'SHOPIFY', 'KLAVIYO']);

export const identityKey = (identity: Identity): string => `${identity.kind}:${identity.value}`;

export function parseIdentityKey(key: string): Identity {
  const at = key.indexOf(':');
  return IdentitySchema.parse({ kind: key.slice(0, at), value: key.slice(at + 1) });
}

const KIND_ORDER = new Map(IDENTITY_KINDS.map((kind, i) => [kind, i]));

/** A stable order for display and comparison: by kind (emails first), then by value. */
export function sortIdentities(identities: Iterable<Identity>): Identity[] {
  return [...identities].sort(
    (a, b) => KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}
