/**
 * `Customer.hubspot` and the HubSpot types under it. Resolvers only pick loaders and shape
 * answers; every HubSpot read goes through a loader (batched, cached) and `guardVendor`, so a
 * HubSpot failure nulls the field that needed it and names HubSpot in the error.
 */
import { GraphQLError } from 'graphql';
import { HUBSPOT } from '../../connectors/hubspot/client.js';
import { engagementToEvents } from '../../connectors/hubspot/mappers/to-unified-event.js';
import { toIso } from '../../connectors/hubspot/mappers/time.js';
import { ENGAGEMENT_TYPES, type HubSpotEngagementType } from '../../connectors/hubspot/schemas.js';
import { identityValues } from '../shared/customer-reference.js';
import { loadAll } from '../shared/keyed-loader.js';
import { guardVendor } from '../shared/upstream-error.js';
import type { Resolvers } from './__generated__/resolvers-types.js';
import { cacheHint } from './cache-hints.js';
import { TTL } from './cache-policy.js';
import { recordUrl } from './links.js';
import type { HubSpotEngagementModel } from './models.js';

const TYPE_OF: Record<HubSpotEngagementType, 'EMAIL' | 'CALL' | 'NOTE'> = { emails: 'EMAIL', calls: 'CALL', notes: 'NOTE' };
const ENGAGEMENT_OF = { EMAIL: 'emails', CALL: 'calls', NOTE: 'notes' } as const;
const PROPERTY_NAME = /^[A-Za-z0-9_]{1,100}$/;
const present = <T>(values: (T | null)[]) => values.filter((v): v is T => v !== null);
const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

export const resolvers: Resolvers = {
  Customer: {
    __resolveReference: (customer, _context, info) => {
      cacheHint(info, TTL.contact);
      return customer;
    },
    hubspot: async (customer, _args, { loaders }, info) => {
      cacheHint(info, TTL.contact);
      const [contactId] = identityValues(customer, 'HUBSPOT');
      if (!contactId) return null;
      return guardVendor(HUBSPOT, () => loaders.contacts().load(contactId));
    },
  },

  HubSpotContact: {
    url: (c, _args, { loaders }) => guardVendor(HUBSPOT, async () => recordUrl((await loaders.account.load('details'))!, 'contacts', c.id)),
    email: (c) => c.properties.email ?? null,
    firstName: (c) => c.properties.firstname ?? null,
    lastName: (c) => c.properties.lastname ?? null,
    phone: (c) => c.properties.phone ?? null,
    lifecycleStage: (c) => c.properties.lifecyclestage ?? null,
    leadStatus: (c) => c.properties.hs_lead_status ?? null,
    ownerId: (c) => c.properties.hubspot_owner_id ?? null,
    owner: async (c, _args, { loaders }, info) => {
      cacheHint(info, TTL.owners);
      const ownerId = c.properties.hubspot_owner_id;
      return ownerId ? guardVendor(HUBSPOT, () => loaders.owners.load(ownerId)) : null;
    },
    properties: async (c, { names }, { loaders }, info) => {
      if (names.length === 0 || names.length > 100) throw badInput('properties(names:) takes 1 to 100 names');
      const invalid = names.find((n) => !PROPERTY_NAME.test(n));
      if (invalid !== undefined) throw badInput(`"${invalid}" is not a HubSpot property name (letters, digits and underscores)`);
      cacheHint(info, TTL.contact);
      const contact = await guardVendor(HUBSPOT, () => loaders.contacts(names).load(c.id));
      return names.filter((name) => contact && name in contact.properties).map((name) => ({ name, value: contact!.properties[name] ?? null }));
    },
    deals: async (c, _args, { loaders }, info) => {
      cacheHint(info, Math.min(TTL.associations, TTL.deal));
      return guardVendor(HUBSPOT, async () => {
        const ids = (await loaders.dealIds.load(c.id))?.ids ?? [];
        const deals = present(await loadAll(loaders.deals, ids));
        return deals.sort((a, b) => (b.properties.closedate ?? '').localeCompare(a.properties.closedate ?? ''));
      });
    },
    recentEngagements: async (c, { first, types }, { loaders }, info) => {
      const limit = first ?? 10;
      if (limit < 1 || limit > 50) throw badInput('recentEngagements(first:) takes 1 to 50');
      cacheHint(info, TTL.associations);
      const wanted = types?.length ? types.map((t) => ENGAGEMENT_OF[t]) : ENGAGEMENT_TYPES;
      return guardVendor(HUBSPOT, async () => {
        const perType = await Promise.all(
          wanted.map(async (type) => {
            // HubSpot ids grow with creation time: the highest ids are the latest logged activity.
            const ids = ((await loaders.engagementIds[type].load(c.id))?.ids ?? []).slice().sort((a, b) => Number(b) - Number(a)).slice(0, limit);
            return present(await loadAll(loaders.engagements[type], ids)).map((record): HubSpotEngagementModel => ({ type, record }));
          }),
        );
        return perType.flat().sort((a, b) => occurredAt(b).localeCompare(occurredAt(a))).slice(0, limit);
      });
    },
    subscriptions: async (c, _args, { loaders }, info) => {
      cacheHint(info, TTL.subscriptions);
      return guardVendor(HUBSPOT, async () =>
        ((await loaders.subscriptions.load(c.id))?.statuses ?? []).map((status) => ({ status, name: status.subscriptionName ?? status.subscriptionId })),
      );
    },
  },

  HubSpotDeal: {
    url: (d, _args, { loaders }) => guardVendor(HUBSPOT, async () => recordUrl((await loaders.account.load('details'))!, 'deals', d.id)),
    name: (d) => d.properties.dealname ?? null,
    stage: (d) => d.properties.dealstage ?? null,
    pipeline: (d) => d.properties.pipeline ?? null,
    amount: (d) => d.properties.amount ?? null,
    currencyCode: (d) => d.properties.deal_currency_code ?? null,
    closeDate: (d) => toIso(d.properties.closedate) ?? null,
    isClosed: (d) => bool(d.properties.hs_is_closed),
    isWon: (d) => bool(d.properties.hs_is_closed_won),
    ownerId: (d) => d.properties.hubspot_owner_id ?? null,
  },

  HubSpotEngagement: {
    id: (e) => e.record.id,
    type: (e) => TYPE_OF[e.type],
    occurredAt: (e) => occurredAt(e),
    direction: (e) => (e.type === 'notes' ? null : (engagementToEvents(e.type, e.record, ['-'])[0]?.details as { direction?: string } | undefined)?.direction ?? null),
    summary: (e) => engagementToEvents(e.type, e.record, ['-'])[0]?.summary ?? 'Sales activity',
    subject: (e) => e.record.properties.hs_email_subject ?? e.record.properties.hs_call_title ?? null,
    ownerId: (e) => e.record.properties.hubspot_owner_id ?? null,
  },

  HubSpotOwner: {
    firstName: (o) => o.firstName ?? null,
    lastName: (o) => o.lastName ?? null,
    email: (o) => o.email ?? null,
  },

  HubSpotSubscriptionStatus: {
    subscriptionId: (s) => s.status.subscriptionId,
    name: (s) => s.name,
    status: (s) => s.status.status,
    legalBasis: (s) => s.status.legalBasis ?? null,
    legalBasisExplanation: (s) => s.status.legalBasisExplanation ?? null,
    source: (s) => s.status.source ?? null,
    updatedAt: (s) => toIso(s.status.timestamp) ?? s.status.timestamp,
  },
};

function occurredAt(e: HubSpotEngagementModel): string {
  return toIso(e.record.properties.hs_timestamp) ?? e.record.createdAt;
}

const bool = (value: string | null | undefined) => (value === 'true' ? true : value === 'false' ? false : null);
