/**
 * Feeds the gateway metrics from the request lifecycle: every response (including refusals made
 * before GraphQL runs: 401, 429) counts once with its client, operation and status; every error
 * counts under its stable code; every subgraph call counts with its subgraph, status and duration.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Kind, type DefinitionNode, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import { clientOf } from '../clients/authenticated-client.js';
import type { GatewayMetrics } from '../telemetry/gateway-metrics.js';

const operationByRequest = new WeakMap<Request, string>();
const startByRequest = new WeakMap<Request, number>();

/** The operation label: its name, capped, so a client cannot mint unbounded label values. */
export const operationLabel = (request: Request) => operationByRequest.get(request) ?? 'anonymous';

const cap = (name: string) => (/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : 'invalid');

const codesOf = (result: ExecutionResult) =>
  (result.errors ?? []).map((e) => String((e.extensions as { code?: unknown } | undefined)?.code ?? 'INTERNAL_SERVER_ERROR'));

export function useMetrics(metrics: GatewayMetrics): GatewayPlugin {
  return {
    onRequest({ request }) {
      startByRequest.set(request, performance.now());
    },
    onParams({ params, request }) {
      if (params.operationName) operationByRequest.set(request, cap(params.operationName));
    },
    // After parsing, before validation: refused operations are counted under their name too.
    onValidate({ params, context }) {
      const request = (context as { request?: Request }).request;
      const operation = params.documentAST.definitions.find(
        (d: DefinitionNode): d is OperationDefinitionNode =>
          d.kind === Kind.OPERATION_DEFINITION && (!params.options?.operationName || d.name?.value === params.options.operationName),
      );
      if (request && operation?.name) operationByRequest.set(request, cap(operation.name.value));
    },
    onResultProcess({ request, result }) {
      const client = clientOf(request)?.name ?? 'anonymous';
      const operation = operationLabel(request);
      for (const single of Array.isArray(result) ? result : [result]) {
        if (!single || typeof single !== 'object' || !('errors' in single || 'data' in single)) continue;
        for (const code of codesOf(single as ExecutionResult)) metrics.errors.inc({ client, operation, code });
      }
    },
    onResponse({ request, response }) {
      const client = clientOf(request)?.name ?? 'anonymous';
      const operation = operationLabel(request);
      metrics.requests.inc({ client, operation, status: String(response.status) });
      const started = startByRequest.get(request);
      if (started !== undefined) metrics.duration.observe({ client, operation }, (performance.now() - started) / 1000);
    },
    onFetch({ executionRequest }) {
      if (!executionRequest) return;
      const subgraph = executionRequest.subgraphName ?? 'unknown';
      const started = performance.now();
      return ({ response }) => {
        metrics.upstreamRequests.inc({ subgraph, status: String(response.status) });
        metrics.upstreamDuration.observe({ subgraph }, (performance.now() - started) / 1000);
      };
    },
  };
}
