/**
 * The first backfill: reads every person each vendor holds, through the connectors, and resolves
 * them into hub customers. Idempotent: running it again changes nothing. A vendor that fails is
 * reported and skipped, so one vendor being down never keeps the hub from starting.
 */
import type { Connectors } from '../connectors/create-connectors.js';
import type { IdentityObservation } from '../connectors/unified/identity.js';
import { toIdentityObservation as fromHubSpot } from '../connectors/hubspot/mappers/to-identity-observation.js';
import { toIdentityObservation as fromKlaviyo } from '../connectors/klaviyo/mappers/to-identity-observation.js';
import { toIdentityObservation as fromMeta } from '../connectors/meta-ads/mappers/to-identity-observation.js';
import { toIdentityObservation as fromShopify } from '../connectors/shopify/mappers/to-identity-observation.js';
import type { Logger } from '../platform/logger.js';
import { resolveIdentity } from '../profile/identity/resolve-identity.js';
import type { IdentityStore } from '../profile/store/identity-store.js';

export interface BackfillReport {
  vendor: string;
  records: number;
  created: number;
  error?: string;
}

type ObservationSource = { vendor: string; read: () => AsyncGenerator<IdentityObservation[]> };

function sources(connectors: Connectors): ObservationSource[] {
  const mapped = <T>(pages: AsyncGenerator<T[]>, map: (record: T) => IdentityObservation) =>
    (async function* () {
      for await (const page of pages) yield page.map(map);
    })();
  return [
    { vendor: 'hubspot', read: () => mapped(connectors.hubspot.client.listContacts(), fromHubSpot) },
    { vendor: 'shopify', read: () => mapped(connectors.shopify.client.listCustomers(), fromShopify) },
    { vendor: 'klaviyo', read: () => mapped(connectors.klaviyo.client.listProfiles(), fromKlaviyo) },
    {
      vendor: 'meta',
      read: async function* () {
        for await (const forms of connectors.meta.client.listLeadForms()) {
          for (const form of forms) yield* mapped(connectors.meta.client.listLeads(form.id), fromMeta);
        }
      },
    },
  ];
}

export async function backfillIdentities(
  connectors: Connectors,
  store: IdentityStore,
  logger: Logger,
): Promise<BackfillReport[]> {
  const reports: BackfillReport[] = [];
  for (const source of sources(connectors)) {
    const report: BackfillReport = { vendor: source.vendor, records: 0, created: 0 };
    try {
      for await (const observations of source.read()) {
        for (const observation of observations) {
          const resolution = await resolveIdentity(store, observation);
          report.records++;
          if (resolution.created) report.created++;
        }
      }
    } catch (error) {
      report.error = error instanceof Error ? error.message : String(error);
      logger.warn({ vendor: source.vendor, err: report.error }, 'identity backfill from vendor failed; continuing');
    }
    reports.push(report);
  }
  return reports;
}
