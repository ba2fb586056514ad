/**
 * Meta Marketing API client (Graph API version from configuration, default v26.0): lead forms and
 * leads, customer-file custom audiences, insights and ad sets, over the shared HTTP core.
 * @see https://developers.facebook.com/docs/marketing-api
 */
import type { ConnectorRuntime } from '../http/runtime.js';
import { createAudiencesApi, type MetaAudiencesApi } from './audiences-api.js';
import { createMetaGraph, type MetaConnection, type MetaHttpOverrides } from './graph-http.js';
import { createInsightsApi, type MetaInsightsApi } from './insights-api.js';
import { createLeadsApi, type MetaLeadsApi } from './leads-api.js';

export { META, META_BUDGET } from './graph-http.js';
export { META_IDS_LIMIT } from './leads-api.js';

export interface MetaAdsClient extends MetaLeadsApi, MetaAudiencesApi, MetaInsightsApi {
  /** Stops the circuit breaker's timers (at shutdown). */
  close(): void;
}

export interface MetaClientOptions {
  http?: MetaHttpOverrides;
  /** Rows per audience request (at most 10,000; tests shrink it to cross batches cheaply). */
  audienceBatchSize?: number;
}

export function createMetaAdsClient(connection: MetaConnection, runtime: ConnectorRuntime, options: MetaClientOptions = {}): MetaAdsClient {
  const graph = createMetaGraph(connection, runtime, options.http);
  return {
    ...createLeadsApi(graph, connection.pageId),
    ...createAudiencesApi(graph, connection.adAccountId, { batchSize: options.audienceBatchSize }),
    ...createInsightsApi(graph, connection.adAccountId),
    close: () => graph.http.close(),
  };
}
