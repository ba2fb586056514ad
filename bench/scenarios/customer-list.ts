/**
 * `customers(first: 50)` with every vendor field, over pages never read before: batching must
 * make it one vendor call per vendor operation, not one per customer. Calls are counted by the
 * sandboxes themselves.
 */
import { failures, round, type Scenario } from '../context.js';
import { body, graphql, sandboxCalls } from '../graphql.js';
import { runLoad } from '../load.js';
import { CUSTOMER_LIST, CUSTOMER_PAGE_CURSORS } from '../queries.js';

export const customerList: Scenario = async ({ hub, plan, headers, row, log }) => {
  log('customers(first: 50), every vendor field');
  const cursors: (string | null)[] = [null];
  while (cursors.length < plan.listPages) {
    const page = await graphql<{ customers: { pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(
      hub.gatewayUrl,
      CUSTOMER_PAGE_CURSORS,
      { after: cursors.at(-1) },
      headers,
    );
    if (!page.customers.pageInfo.hasNextPage) break;
    cursors.push(page.customers.pageInfo.endCursor);
  }
  const before = await sandboxCalls(hub.sandboxUrls);
  const list = await runLoad({
    url: hub.gatewayUrl,
    connections: 4,
    amount: cursors.length,
    headers,
    bodies: cursors.map((after) => body(CUSTOMER_LIST, { after })),
  });
  const calls = (await sandboxCalls(hub.sandboxUrls)) - before;
  row('customers(first: 50), cold pages', {
    'req/s': list.rps,
    'p50 ms': list.p50,
    'p99 ms': list.p99,
    'vendor calls / request': round(calls / Math.max(list.requests, 1), 2),
    errors: failures(list),
  });
};
