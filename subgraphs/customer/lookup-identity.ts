/**
 * Turns the arguments of `Query.customer` into one exact lookup key, through the same
 * normalization ingest resolves observations with. Wrong input is a BAD_USER_INPUT error.
 */
import type { Identity, IdentityKind } from '../../connectors/unified/identity.js';
import type { IdentityRules } from '../../profile/identity/identity-rules.js';
import { normalizeIdentity } from '../../profile/identity/normalize-identity.js';
import { badInput } from './bad-input.js';

export type LookupKey =
  | { by: 'id'; id: string }
  | { by: 'identity'; identity: Identity }
  /** A blocked value: valid, but never matched, so nobody answers it. */
  | { by: 'nothing' };

export interface LookupArgs {
  id?: string | null;
  email?: string | null;
  phone?: string | null;
  identity?: { kind: IdentityKind; value: string } | null;
}

/** Hub ids are `cus_` and a token; anything else cannot name a customer. */
const CUSTOMER_ID = /^cus_[A-Za-z0-9_-]{1,64}$/;

const WHAT: Record<string, string> = { EMAIL: 'an email address', PHONE: 'a phone number' };

export function lookupKey(args: LookupArgs, rules: IdentityRules): LookupKey {
  const given = (['id', 'email', 'phone', 'identity'] as const).filter((name) => args[name] !== undefined && args[name] !== null);
  if (given.length !== 1) {
    throw badInput(given.length === 0 ? 'customer' : given.join(', '), 'needs exactly one of id, email, phone or identity');
  }
  const [argument] = given as [keyof LookupArgs];
  if (args.id !== undefined && args.id !== null) {
    const id = args.id.trim();
    if (!CUSTOMER_ID.test(id)) throw badInput('id', 'is not a hub customer id (cus_…)');
    return { by: 'id', id };
  }
  const identity: Identity = args.email != null
    ? { kind: 'EMAIL', value: args.email }
    : args.phone != null
      ? { kind: 'PHONE', value: args.phone }
      : { kind: args.identity!.kind, value: args.identity!.value };
  const normalized = normalizeIdentity(identity, rules);
  if (normalized.ok) return { by: 'identity', identity: normalized.identity };
  if (normalized.reason === 'BLOCKED') return { by: 'nothing' };
  throw badInput(argument, `is not ${WHAT[identity.kind] ?? `a ${identity.kind} id`}`);
}
