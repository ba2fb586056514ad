/**
 * The Google Ads connector bundle: the client; the click sync (when the hub's identity directory
 * is given, to link only known gclids); Customer Match membership and the consent/erasure
 * write-back (when the audience ledger is given: Google never reveals membership, so without the
 * ledger nothing could ever be removed, and nothing is uploaded); and the conversion uploader.
 */
import type { ConnectorRuntime } from '../http/runtime.js';
import type { UnifiedBatch } from '../unified/batch.js';
import type { AudienceMembershipLedger, VendorSync, VendorWriteBack } from '../unified/contracts.js';
import { createGoogleAdsAudiences, type GoogleAdsAudiences } from './audiences.js';
import { createGoogleAdsClient, type GoogleAdsClient, type GoogleAdsClientOptions } from './client.js';
import { MemoryUploadedConversionLog, type UploadedConversionLog } from './conversion-log.js';
import { createConversionUploader, type ConversionUploader } from './conversions.js';
import type { DateWindow } from './dates.js';
import { estimateExposure, type AdExposureEstimate } from './mappers/to-exposure-estimate.js';
import { createGoogleAdsClickSync, type IdentityDirectory } from './sync.js';
import type { GoogleAdsConnection } from './transport.js';
import { createGoogleAdsWriteBack } from './write-back.js';

export interface GoogleAdsConnectorDependencies extends GoogleAdsClientOptions {
  audiences?: AudienceMembershipLedger | undefined;
  identities?: IdentityDirectory | undefined;
  conversionLog?: UploadedConversionLog | undefined;
  /** Receives the AUDIENCE_* and CONVERSION_UPLOADED batches the connector produces. */
  events?: ((batch: UnifiedBatch) => Promise<void>) | undefined;
}

export interface GoogleAdsConnector {
  client: GoogleAdsClient;
  sync?: VendorSync;
  writeBack?: VendorWriteBack;
  /** Customer Match membership (consent, ledger, suppression); absent without a ledger. */
  customerMatch?: GoogleAdsAudiences;
  conversions: ConversionUploader;
  conversionLog: UploadedConversionLog;
  /**
   * The person's estimated Google ad exposure over the window (list membership × campaign
   * average frequency), for frequency counting; absent without a ledger.
   */
  estimateExposure?: (customerId: string, window: DateWindow) => Promise<AdExposureEstimate>;
}

export function createGoogleAdsConnector(connection: GoogleAdsConnection, runtime: ConnectorRuntime, deps: GoogleAdsConnectorDependencies = {}): GoogleAdsConnector {
  const client = createGoogleAdsClient(connection, runtime, deps);
  const conversionLog = deps.conversionLog ?? new MemoryUploadedConversionLog();
  const customerMatch = deps.audiences
    ? createGoogleAdsAudiences({ api: client.customerMatch, reads: client, ledger: deps.audiences, customerResource: client.customerResource, now: client.now, events: deps.events })
    : undefined;
  return {
    client,
    ...(deps.identities
      ? { sync: createGoogleAdsClickSync({ reads: client, customerId: client.customerId, identities: deps.identities, today: client.today, now: client.now }) }
      : {}),
    ...(customerMatch ? { customerMatch, writeBack: createGoogleAdsWriteBack(customerMatch) } : {}),
    ...(customerMatch
      ? {
          estimateExposure: async (customerId: string, window: DateWindow) => {
            const memberships = await customerMatch.listsOf(customerId);
            if (memberships.length === 0) return estimateExposure({ customerId, window, memberships, targeting: [], campaigns: [] });
            const [targeting, campaigns] = await Promise.all([client.listTargeting(), client.campaignMetrics(window)]);
            return estimateExposure({ customerId, window, memberships, targeting, campaigns });
          },
        }
      : {}),
    conversions: createConversionUploader({ api: client.conversions, customerResource: client.customerResource, log: conversionLog, now: client.now, events: deps.events }),
    conversionLog,
  };
}
