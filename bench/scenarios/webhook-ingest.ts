/**
 * Webhook ingest end to end: signed Shopify `orders/create` deliveries, each a new order of a
 * real demo customer, posted to ingest by many clients at once, exactly as Shopify would (HMAC
 * over the raw body with the app secret, a webhook id per delivery). Measured: how fast ingest
 * accepts them (verify + durable enqueue), and how fast they land on the customers' timelines
 * in the store (the worker's map, identity resolution and append), read from Redis itself.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { SANDBOX_CREDENTIALS } from '../../config/sandbox-credentials.js';
import { failures, round, type Scenario } from '../context.js';
import { graphql } from '../graphql.js';
import { withHubTimeline } from '../hub-timeline.js';
import { runLoad } from '../load.js';

/** People whose timelines receive the orders (each gets deliveries / PEOPLE orders). */
const PEOPLE = 50;
const LANDING_TIMEOUT_MS = 300_000;
/** The bench's orders are placed one second apart from this instant; only orders in that span are counted (before and after). */
const ORDERS_FROM = '2026-06-01T00:00:00.000Z';

type Lookup = { customer: { id: string } | null };

export const webhookIngest: Scenario = async ({ hub, world, plan, headers, redisUrl, keyPrefix, row, log }) => {
  const shoppers = world.people.filter((p) => p.shopify).slice(0, PEOPLE);
  const ids: string[] = [];
  for (const person of shoppers) {
    const found = await graphql<Lookup>(
      hub.gatewayUrl,
      'query ($v: String!) { customer(identity: { kind: SHOPIFY, value: $v }) { id } }',
      { v: `gid://shopify/Customer/${person.shopify!.customerId}` },
      headers,
    );
    if (found.customer) ids.push(found.customer.id);
  }

  const secret = SANDBOX_CREDENTIALS.shopify.webhookSecret;
  const bodies: string[] = [];
  const bodyHeaders: Record<string, string>[] = [];
  for (let i = 0; i < plan.webhookDeliveries; i++) {
    const person = shoppers[i % shoppers.length]!;
    const customerId = Number(person.shopify!.customerId);
    const at = new Date(Date.parse(ORDERS_FROM) + i * 1000).toISOString();
    const payload = JSON.stringify({
      // Order ids no demo order uses (each run has its own hub and key prefix).
      id: 9_000_000_000_000 + i,
      name: `#B${i}`,
      email: person.shopify!.email,
      created_at: at,
      processed_at: at,
      currency: 'EUR',
      total_price: '42.00',
      landing_site: null,
      customer: { id: customerId, email: person.shopify!.email, phone: null, first_name: person.firstName, last_name: person.lastName },
      line_items: [{ quantity: 1 }],
    });
    bodies.push(payload);
    bodyHeaders.push({
      'x-shopify-topic': 'orders/create',
      'x-shopify-hmac-sha256': createHmac('sha256', secret).update(payload).digest('base64'),
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-triggered-at': at,
      'x-shopify-shop-domain': 'hub-demo.myshopify.com',
    });
  }

  await withHubTimeline({ redisUrl, keyPrefix }, {}, async (timeline) => {
    // Only the bench's orders count: other events (consent echoes of earlier scenarios) land too.
    const ours = { types: ['ORDER_PLACED' as const], since: ORDERS_FROM, until: new Date(Date.parse(ORDERS_FROM) + plan.webhookDeliveries * 1000).toISOString() };
    const stored = async () => (await Promise.all(ids.map((id) => timeline.count(id, ours)))).reduce((a, b) => a + b, 0);
    const before = await stored();

    log(`webhook ingest: ${bodies.length} signed deliveries`);
    const started = Date.now();
    const load = await runLoad({ url: `${hub.ingestUrl}/webhooks/shopify`, connections: 20, amount: bodies.length, headers: {}, bodies, bodyHeaders });
    let landed = 0;
    for (;;) {
      landed = (await stored()) - before;
      if (landed >= bodies.length || Date.now() - started > LANDING_TIMEOUT_MS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (Date.now() - started) / 1000;
    row('webhook ingest, signed Shopify orders', {
      'accepted req/s': load.rps,
      'accept p50 ms': load.p50,
      'accept p99 ms': load.p99,
      'events on timelines': landed,
      'end-to-end events/s': round(landed / seconds, 1),
      errors: failures(load) + (bodies.length - landed),
    });
  });
};
