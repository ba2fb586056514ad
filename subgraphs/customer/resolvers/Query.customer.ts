import { GraphQLError } from 'graphql';
import { normalizeEmail, normalizePhone } from '../../../connectors/unified/normalize.js';
import type { Identity } from '../../../connectors/unified/identity.js';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';

/** Finds one customer by exactly one key; malformed input is a clear BAD_USER_INPUT error. */
export const customer: QueryResolvers['customer'] = async (_parent, args, { stores }) => {
  const given = [args.id, args.email, args.phone, args.identity].filter((v) => v !== undefined && v !== null);
  if (given.length !== 1) {
    throw new GraphQLError('Give exactly one of id, email, phone or identity.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  if (args.id) return (await stores.identities.getCustomer(args.id)) ?? null;
  const identity = lookupIdentity(args);
  const customerId = await stores.identities.findCustomerId(identity);
  return customerId ? ((await stores.identities.getCustomer(customerId)) ?? null) : null;
};

function lookupIdentity(args: { email?: string | null; phone?: string | null; identity?: Identity | null }): Identity {
  if (args.email) {
    const email = normalizeEmail(args.email);
    if (!email) throw badInput('email', 'is not an email address');
    return { kind: 'EMAIL', value: email };
  }
  if (args.phone) {
    const phone = normalizePhone(args.phone);
    if (!phone) throw badInput('phone', 'is not a phone number');
    return { kind: 'PHONE', value: phone };
  }
  const identity = args.identity!;
  if (identity.kind === 'EMAIL') return lookupIdentity({ email: identity.value });
  if (identity.kind === 'PHONE') return lookupIdentity({ phone: identity.value });
  return { kind: identity.kind, value: identity.value.trim() };
}

const badInput = (field: string, problem: string) =>
  new GraphQLError(`The ${field} argument ${problem}.`, { extensions: { code: 'BAD_USER_INPUT', argument: field } });
