/**
 * customer-360 for one person, cold (a different person every request, so every vendor is
 * called) and warm (the same person again and again, served from the caches). The cold p50 is
 * also given as a ratio of the sandbox's added latency: vendors are called in parallel, so a
 * cold read cannot beat the slowest vendor (1.0 is the limit).
 */
import { failures, round, type Scenario } from '../context.js';
import { body } from '../graphql.js';
import { runLoad } from '../load.js';
import { CUSTOMER_360 } from '../queries.js';

export const customer360: Scenario = async ({ hub, world, plan, headers, row, log }) => {
  // People held by at least three vendors: a customer-360 read touches most of the graph for them.
  const rich = world.people.filter((p) => [p.hubspot, p.shopify, p.klaviyo].filter(Boolean).length >= 3).map((p) => p.email);

  log('customer-360, cold');
  const coldBodies = rich.slice(0, plan.coldRequests).map((email) => body(CUSTOMER_360, { email }));
  const cold = await runLoad({ url: hub.gatewayUrl, connections: 10, amount: coldBodies.length, headers, bodies: coldBodies });
  row('customer-360, cold (distinct people)', {
    'req/s': cold.rps,
    'p50 ms': cold.p50,
    'p99 ms': cold.p99,
    'p50 / vendor latency': round(cold.p50 / plan.latencyMs, 2),
    errors: failures(cold),
  });

  log('customer-360, warm');
  const warmBody = body(CUSTOMER_360, { email: rich[0] });
  await runLoad({ url: hub.gatewayUrl, connections: 1, amount: 5, headers, bodies: [warmBody] });
  const warm = await runLoad({ url: hub.gatewayUrl, connections: plan.connections, duration: plan.durationS, headers, bodies: [warmBody] });
  row('customer-360, warm (one person)', { 'req/s': warm.rps, 'p50 ms': warm.p50, 'p99 ms': warm.p99, errors: failures(warm) });
};
