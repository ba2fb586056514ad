/**
 * `reserveTouch` under many concurrent clients racing for few slots: every person has email
 * consent granted through the hub and a cap of EMAIL_CAP emails a day; each client asks for
 * reservations with fresh idempotency keys, spread over the people, far more than the caps
 * allow. The hub must grant exactly cap × people, however the requests interleave; the granted
 * count is read back from the hub afterwards, not from the load generator.
 */
import { failures, type Scenario } from '../context.js';
import { body, firstCustomerIds, graphql } from '../graphql.js';
import { runLoad } from '../load.js';

/** The cap the bench configures (run.ts passes it to every hub process as FREQUENCY_POLICIES). */
export const EMAIL_CAP = 3;
export const BENCH_FREQUENCY_ENV = {
  FREQUENCY_POLICIES: JSON.stringify([
    {
      name: 'bench-email-daily',
      channels: ['EMAIL'],
      limit: EMAIL_CAP,
      window: '24h',
    },
  ]),
  // The bench runs at any hour: quiet hours would refuse everything at night.
  FREQUENCY_QUIET_HOURS: 'off',
};
/** Attempts per person: several times the cap, so most requests must be refused. */
const ATTEMPTS_PER_PERSON = 20;

const GRANT = `mutation Grant($id: ID!) {
  updateConsent(input: { customerId: $id, topic: EMAIL_MARKETING, status: GRANTED, method: "DOUBLE_OPT_IN", legalBasis: "CONSENT_WITH_NOTICE" }) { consent { status } }
}`;
const RESERVE = `mutation Reserve($id: ID!, $key: String!) {
  reserveTouch(customerId: $id, channel: EMAIL, campaignId: "bench", idempotencyKey: $key) { granted }
}`;
const COUNT = `query Count($id: ID!) { customer(id: $id) { frequency { channels { channel sent reserved } } } }`;

type Count = {
  customer: {
    frequency: {
      channels: { channel: string; sent: number; reserved: number }[];
    };
  };
};

export const reserveTouch: Scenario = async ({ hub, plan, headers, row, log }) => {
  const people = await firstCustomerIds(hub.gatewayUrl, plan.reservePeople, headers);
  log(`reserveTouch: granting email consent to ${people.length} people`);
  for (const id of people) await graphql(hub.gatewayUrl, GRANT, { id }, headers);

  const bodies: string[] = [];
  for (let attempt = 0; attempt < ATTEMPTS_PER_PERSON; attempt++) {
    for (const id of people) bodies.push(body(RESERVE, { id, key: `bench-${id}-${attempt}` }));
  }
  log(`reserveTouch: ${bodies.length} reservations from ${plan.reserveClients} clients`);
  const load = await runLoad({
    url: hub.gatewayUrl,
    connections: plan.reserveClients,
    amount: bodies.length,
    headers,
    bodies,
  });

  let granted = 0;
  for (const id of people) {
    const count = await graphql<Count>(hub.gatewayUrl, COUNT, { id }, headers);
    const email = count.customer.frequency.channels.find((c) => c.channel === 'EMAIL');
    granted += (email?.sent ?? 0) + (email?.reserved ?? 0);
  }
  const cap = EMAIL_CAP * people.length;
  row(`reserveTouch, ${plan.reserveClients} concurrent clients`, {
    'ops/s': load.rps,
    'p50 ms': load.p50,
    'p99 ms': load.p99,
    granted,
    [`cap (people × ${EMAIL_CAP})`]: cap,
    'granted = cap (1 = exact)': granted === cap ? 1 : 0,
    errors: failures(load),
  });
};
