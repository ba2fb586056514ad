/**
 * customer-360 for one person, cold (a different person every request, so every vendor is
 * called) and warm (the same person again and again, served from the caches). The cold p50 is
 * also given as a ratio of the sandbox's added latency: vendors are called in parallel, so a
 * cold read cannot beat the slowest vendor (1.0 is the limit).
 */
import { availableParallelism } from 'node:os';
import { failures, round, type Scenario } from '../context.js';
import { body } from '../graphql.js';
import { runLoad } from '../load.js';
import { CUSTOMER_360 } from '../queries.js';

export const customer360: Scenario = async ({ hub, world, plan, headers, row, log }) => {
  // People held by at least three vendors: a customer-360 read touches most of the graph for them.
  const rich = world.people.filter((p) => [p.hubspot, p.shopify, p.klaviyo].filter(Boolean).length >= 3).map((p) => p.email);

  // Latency is read one request at a time (nothing queues behind anything); throughput with ten
  // clients at once, over other people, so that no answer comes from a cache.
  log('customer-360, cold');
  const half = Math.floor(plan.coldRequests / 2);
  const sequential = await runLoad({
    url: hub.gatewayUrl,
    connections: 1,
    amount: half,
    headers,
    bodies: rich.slice(0, half).map((email) => body(CUSTOMER_360, { email })),
  });
  const concurrent = await runLoad({
    url: hub.gatewayUrl,
    connections: 10,
    amount: half,
    headers,
    bodies: rich.slice(half, 2 * half).map((email) => body(CUSTOMER_360, { email })),
  });
  row('customer-360, cold (distinct people)', {
    'p50 ms (one at a time)': sequential.p50,
    'p99 ms (one at a time)': sequential.p99,
    'p50 / vendor latency': round(sequential.p50 / plan.latencyMs, 2),
    'req/s (10 clients)': concurrent.rps,
    'p50 ms (10 clients)': concurrent.p50,
    'p99 ms (10 clients)': concurrent.p99,
    errors: failures(sequential) + failures(concurrent),
  });

  // Warm: every vendor read comes from the subgraphs' caches, so the machine is the limit. The
  // CPU each process spends per request says where it goes, and what the cores could serve at most.
  log('customer-360, warm');
  const warmBody = body(CUSTOMER_360, { email: rich[0] });
  await runLoad({ url: hub.gatewayUrl, connections: 1, amount: 5, headers, bodies: [warmBody] });
  const before = hub.cpuMs();
  const warm = await runLoad({ url: hub.gatewayUrl, connections: plan.connections, duration: plan.durationS, headers, bodies: [warmBody] });
  const after = hub.cpuMs();
  const perRequest = (names: string[]) => names.reduce((sum, name) => sum + (after[name]! - before[name]!), 0) / Math.max(warm.requests, 1);
  const names = Object.keys(after);
  const gatewayCpu = perRequest(['gateway']);
  const subgraphsCpu = perRequest(names.filter((name) => name.startsWith('subgraph:')));
  const machineLimit = (availableParallelism() * 1000) / (gatewayCpu + subgraphsCpu);
  row('customer-360, warm (one person)', {
    'req/s': warm.rps,
    'p50 ms': warm.p50,
    'p99 ms': warm.p99,
    'gateway CPU ms / request': round(gatewayCpu, 2),
    'subgraphs CPU ms / request': round(subgraphsCpu, 2),
    'machine limit req/s (cores / CPU per request)': round(machineLimit, 0),
    'req/s / machine limit': round(warm.rps / machineLimit, 2),
    errors: failures(warm),
  });
};
