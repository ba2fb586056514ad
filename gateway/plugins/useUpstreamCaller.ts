/**
 * Tells each subgraph who the gateway is acting for: the client's name and scopes go into
 * `extensions.hubCaller` of every subgraph call, where the HMAC signature added next
 * (useHmacUpstreamSignature with serializeSignedExecutionRequest) covers them. Subgraphs re-check
 * mutation scopes against this signed claim instead of trusting anything the client sent.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { CALLER_EXTENSION, type UpstreamCaller } from '../../platform/upstream-signature.js';
import { clientOf } from '../clients/authenticated-client.js';

export function useUpstreamCaller(): GatewayPlugin {
  return {
    onSubgraphExecute({ executionRequest }) {
      const client = clientOf((executionRequest.context as { request?: Request } | undefined)?.request);
      const caller: UpstreamCaller | undefined = client && { client: client.name, scopes: [...client.scopes], at: Date.now() };
      executionRequest.extensions = { ...executionRequest.extensions, [CALLER_EXTENSION]: caller };
      if (!caller) delete executionRequest.extensions[CALLER_EXTENSION];
    },
  };
}
