/**
 * `Customer.googleAds` and `Query.googleAdsCampaigns`. The person's entry point costs no Google
 * call (gclids from the identities, lists from the ledger, conversions from the upload log);
 * each field that reads Google goes through its request-scoped, cached DataLoader and, if Google
 * fails, turns null with an error naming google-ads and a stable code.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { GOOGLE_ADS } from '../../connectors/google-ads/client.js';
import { estimateExposure } from '../../connectors/google-ads/mappers/to-exposure-estimate.js';
import type { GoogleAdsClickRow } from '../../connectors/google-ads/schemas.js';
import { identityValues } from '../shared/customer-reference.js';
import { loadAll } from '../shared/keyed-loader.js';
import { guardVendor } from '../shared/upstream-error.js';
import type { Resolvers } from './__generated__/resolvers-types.js';
import { setCacheHint } from './cache-hint.js';
import { clickWindow, last30CompleteDays, parseWindow } from './windows.js';

/** A person's Google data is theirs alone and moves slowly; campaign reports are shared. */
const PERSON_HINT = { maxAge: 60, scope: 'PRIVATE' } as const;
const CAMPAIGN_HINT = { maxAge: 300, scope: 'PUBLIC' } as const;

/**
 * Apollo counts every field that returns an object as uncacheable (`no-store`) unless it is
 * hinted, `_entities` included; these pass their value through with the hint of their data.
 */
const hinted =
  <P, K extends keyof P>(key: K, hint: typeof PERSON_HINT | typeof CAMPAIGN_HINT) =>
  (parent: P, _args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
    setCacheHint(info, hint);
    return parent[key];
  };

export const resolvers: Resolvers = {
  Customer: {
    __resolveReference: (reference, _context, info) => {
      setCacheHint(info, PERSON_HINT);
      return reference;
    },
    googleAds: async (customer, _args, { loaders }, info) => {
      setCacheHint(info, PERSON_HINT);
      const gclids = identityValues(customer, 'GCLID');
      const [memberships, conversions] = await Promise.all([
        loaders.memberships.load(customer.id),
        gclids.length > 0 ? loadAll(loaders.uploadedConversions, gclids).then((all) => all.flat()) : [],
      ]);
      if (gclids.length === 0 && memberships.length === 0 && conversions.length === 0) return null;
      return { customerId: customer.id, gclids, memberships, conversions: conversions.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)) };
    },
  },
  GoogleAdsPerson: {
    customerMatchLists: async (person, _args, { loaders }, info) => {
      setCacheHint(info, PERSON_HINT);
      if (person.memberships.length === 0) return [];
      const lists = await guardVendor(GOOGLE_ADS, () => loadAll(loaders.userListById, person.memberships.map((m) => m.audienceId)));
      return person.memberships.map((m, i) => {
        const list = lists[i];
        return {
          id: m.audienceId,
          name: list?.name ?? m.audienceName,
          joinedAt: m.joinedAt,
          reason: m.reason,
          sizeForDisplay: list?.sizeForDisplay === undefined ? null : Number(list.sizeForDisplay),
          sizeForSearch: list?.sizeForSearch === undefined ? null : Number(list.sizeForSearch),
          matchRatePercentage: list?.matchRatePercentage ?? null,
          membershipStatus: list?.membershipStatus ?? null,
        };
      });
    },
    clicks: async (person, { days }, { loaders, today }, info) => {
      setCacheHint(info, PERSON_HINT);
      const window = clickWindow(days, today);
      if (person.gclids.length === 0) return [];
      const rows = await guardVendor(GOOGLE_ADS, () => loadAll(loaders.clicksByGclid(window), person.gclids));
      return rows.filter((r): r is GoogleAdsClickRow => r !== null).sort((a, b) => b.segments.date.localeCompare(a.segments.date));
    },
    uploadedConversions: hinted('conversions', PERSON_HINT),
    estimatedExposure: async (person, { since, until }, { loaders, today }, info) => {
      setCacheHint(info, PERSON_HINT);
      const window = parseWindow(since, until, last30CompleteDays(today));
      const inputs = person.memberships.length === 0
        ? { targeting: [], campaigns: [] }
        : await guardVendor(GOOGLE_ADS, async () => {
            const [targeting, campaigns] = await Promise.all([loaders.listTargeting(), loaders.campaignMetrics(window)]);
            return { targeting, campaigns };
          });
      const estimate = estimateExposure({ customerId: person.customerId, window, memberships: person.memberships, ...inputs });
      return { ...estimate, since: window.since, until: window.until };
    },
  },
  GoogleAdsClick: {
    gclid: (r) => r.clickView.gclid,
    date: (r) => r.segments.date,
    campaignId: (r) => r.campaign.id,
    campaignName: (r) => r.campaign.name ?? null,
    adGroupId: (r) => r.adGroup?.id ?? null,
  },
  GoogleAdsUploadedConversion: {
    value: (c, _args, _context, info) => {
      setCacheHint(info, PERSON_HINT);
      return c.value ?? null;
    },
    orderId: (c) => c.orderId ?? null,
  },
  GoogleAdsExposureEstimate: {
    contributions: hinted('contributions', PERSON_HINT),
  },
  GoogleAdsCampaign: {
    spend: hinted('spend', CAMPAIGN_HINT),
    id: (c) => c.campaignId,
    since: (c) => c.window.since,
    until: (c) => c.window.until,
    reach: (c) => c.uniqueUsers,
    frequency: (c) => c.averageFrequency,
  },
  Query: {
    googleAdsCampaigns: async (_root, { since, until }, { loaders, today }, info) => {
      setCacheHint(info, CAMPAIGN_HINT);
      const window = parseWindow(since, until, { since: today, until: today });
      return guardVendor(GOOGLE_ADS, () => loaders.campaignMetrics(window));
    },
  },
};
