/** `CustomerFilter` input → the store's filter, validated: bad values are BAD_USER_INPUT. */
import type { CustomerFilter } from '../../profile/store/identity-store.js';
import type { CustomerFilter as CustomerFilterInput } from './__generated__/resolvers-types.js';
import { badInput } from './bad-input.js';
import { fromSourceEnum } from './source-enum.js';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

function instant(name: string, value: string | null | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim()) || Number.isNaN(ms)) throw badInput(`filter.${name}`, 'is not an ISO-8601 date or instant');
  return new Date(ms).toISOString();
}

export function parseCustomerFilter(input: CustomerFilterInput | null | undefined): CustomerFilter | undefined {
  if (!input) return undefined;
  const createdAfter = instant('createdAfter', input.createdAfter);
  const createdBefore = instant('createdBefore', input.createdBefore);
  if (createdAfter !== undefined && createdBefore !== undefined && createdAfter >= createdBefore) {
    throw badInput('filter.createdAfter', 'must be earlier than filter.createdBefore');
  }
  let emailDomain: string | undefined;
  if (input.emailDomain !== undefined && input.emailDomain !== null) {
    emailDomain = input.emailDomain.trim().toLowerCase().replace(/^@/, '');
    if (!DOMAIN.test(emailDomain)) throw badInput('filter.emailDomain', 'is not a domain name (such as mail.example)');
  }
  return {
    hasIdentityKinds: input.hasIdentityKind ? [...new Set(input.hasIdentityKind)] : undefined,
    source: input.source ? fromSourceEnum(input.source) : undefined,
    createdAfter,
    createdBefore,
    emailDomain,
  };
}
