import { describe, expect, it } from 'vitest';
import { klaviyoTestSandbox } from './testing.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
type Json = any;

describe('Klaviyo sandbox: metrics and events', () => {
  const { get, world, state } = klaviyoTestSandbox();
  const metricId = (name: string) => [...state.catalog.metrics].find((m) => m.name === name)!.id;
  const eventsOf = async (profileId: string, extra = ''): Promise<Json[]> => {
    const filter = encodeURIComponent(`equals(profile_id,"${profileId}")${extra}`);
    const out: Json[] = [];
    let url: string | null = `/api/events?filter=${filter}&include=metric`;
    while (url) {
      const body: Json = (await get(url.replace(/^http:\/\/[^/]+/, ''))).json();
      const names = new Map(body.included?.map((m: Json) => [m.id, m.attributes.name]));
      out.push(...body.data.map((e: Json) => ({ ...e, metricName: names.get(e.relationships.metric.data.id) })));
      url = body.links.next;
    }
    return out;
  };

  it('lists the metrics with the integration that owns each', async () => {
    const body: Json = (await get('/api/metrics')).json();
    const names = body.data.map((m: Json) => m.attributes.name);
    for (const name of ['Received Email', 'Opened Email', 'Clicked Email', 'Received SMS', 'Placed Order', 'Started Checkout', 'Sent SMS']) expect(names).toContain(name);
    expect(body.data.find((m: Json) => m.attributes.name === 'Placed Order').attributes.integration).toMatchObject({ key: 'shopify', category: 'eCommerce' });
    const klaviyoOnly: Json = (await get(`/api/metrics?filter=${encodeURIComponent('equals(integration.name,"Klaviyo")')}`)).json();
    expect(klaviyoOnly.data.every((m: Json) => m.attributes.integration.name === 'Klaviyo')).toBe(true);
    expect(klaviyoOnly.data.length).toBe(names.length - 2);
  });

  it('mirrors each person’s Shopify orders and checkouts as Placed Order and Started Checkout', async () => {
    const person = world.people.find((p) => p.klaviyo && (p.shopify?.orders.length ?? 0) >= 2 && (p.shopify?.abandonedCheckouts.length ?? 0) >= 1)!;
    const events = await eventsOf(person.klaviyo!.profileId);
    const orders = events.filter((e) => e.metricName === 'Placed Order');
    expect(orders.map((e) => e.attributes.event_properties.$event_id)).toEqual(person.shopify!.orders.map((o) => o.id));
    expect(orders.map((e) => e.attributes.event_properties.$value)).toEqual(person.shopify!.orders.map((o) => Number(o.total)));
    expect(orders[0].attributes.datetime).toBe(`${person.shopify!.orders[0]!.createdAt.slice(0, 19)}+00:00`);
    const checkouts = events.filter((e) => e.metricName === 'Started Checkout');
    expect(checkouts.map((e) => e.attributes.event_properties.$extra.token)).toEqual(person.shopify!.abandonedCheckouts.map((c) => c.token));
    expect(checkouts[0].attributes.event_properties.$extra.responsive_checkout_url).toMatch(/\/checkouts\/[0-9a-f]{32}\/recover$/);
  });

  it('sends email only while a person is subscribed, and records opens and clicks of those sends', async () => {
    for (const person of world.people.filter((p) => p.klaviyo)) {
      const events = await eventsOf(person.klaviyo!.profileId);
      const received = events.filter((e) => e.metricName === 'Received Email');
      const changedAt = Date.parse(person.consent.emailUpdatedAt);
      if (person.consent.email === 'NEVER_SUBSCRIBED') expect(received).toEqual([]);
      if (person.consent.email === 'SUBSCRIBED') expect(received.every((e) => Date.parse(e.attributes.datetime) >= changedAt - 1000)).toBe(true);
      if (person.consent.email === 'UNSUBSCRIBED') expect(received.every((e) => Date.parse(e.attributes.datetime) < changedAt + 31 * 60_000)).toBe(true);
      const messages = new Set(received.map((e) => e.attributes.event_properties.$message));
      for (const e of events.filter((x) => x.metricName === 'Opened Email' || x.metricName === 'Clicked Email')) {
        expect(messages.has(e.attributes.event_properties.$message)).toBe(true);
      }
    }
    const all: Json = (await get('/api/events?page[size]=200&include=metric')).json();
    const names = new Set(all.included.map((m: Json) => m.attributes.name));
    expect(names.has('Received Email')).toBe(true);
  });

  it('holds SMS only for people with a phone on the profile; consent came in by text ("Sent SMS" is inbound)', async () => {
    for (const person of world.people.filter((p) => p.klaviyo)) {
      const events = await eventsOf(person.klaviyo!.profileId);
      const inbound = events.filter((e) => e.metricName === 'Sent SMS');
      const received = events.filter((e) => e.metricName === 'Received SMS');
      if (!person.klaviyo!.phoneNumber || person.consent.sms === 'NEVER_SUBSCRIBED') {
        expect(inbound).toEqual([]);
        expect(received).toEqual([]);
      } else {
        expect(inbound.map((e) => e.attributes.event_properties['Message Body'])).toEqual([person.consent.sms === 'SUBSCRIBED' ? 'JOIN' : 'STOP']);
      }
    }
  });

  it('filters by metric and datetime, sorts newest first, and includes the metric', async () => {
    const person = world.people.find((p) => p.klaviyo && p.consent.email === 'SUBSCRIBED' && p.shopify?.orders.length)!;
    const since = '2026-01-01T00:00:00Z';
    const filter = encodeURIComponent(`and(equals(profile_id,"${person.klaviyo!.profileId}"),equals(metric_id,"${metricId('Placed Order')}"),greater-or-equal(datetime,${since}))`);
    const body: Json = (await get(`/api/events?filter=${filter}&sort=-datetime&include=metric`)).json();
    const expected = person.shopify!.orders.filter((o) => o.createdAt >= '2026-01-01').map((o) => o.id).reverse();
    expect(body.data.map((e: Json) => e.attributes.event_properties.$event_id)).toEqual(expected);
    if (expected.length > 0) expect(body.included).toEqual([expect.objectContaining({ type: 'metric', id: metricId('Placed Order') })]);
    expect(body.data.every((e: Json) => e.attributes.timestamp === Date.parse(e.attributes.datetime) / 1000)).toBe(true);
  });

  it('refuses filters the events endpoint does not allow', async () => {
    for (const filter of ['any(profile_id,["a","b"])', 'equals(datetime,2026-01-01T00:00:00Z)', 'equals(uuid,"x")']) {
      const response = await get(`/api/events?filter=${encodeURIComponent(filter)}`);
      expect(response.statusCode, filter).toBe(400);
    }
    expect((await get('/api/events?sort=metric')).statusCode).toBe(400);
    expect((await get('/api/events?include=campaign')).statusCode).toBe(400);
    expect((await get('/api/events?page[size]=1001')).statusCode).toBe(400);
  });

  it('pages through every event in time order, 200 at most per page', async () => {
    const seen: Json[] = [];
    let url: string | null = '/api/events?page[size]=1000';
    while (url) {
      const body: Json = (await get(url.replace(/^http:\/\/[^/]+/, ''))).json();
      expect(body.data.length).toBeLessThanOrEqual(200);
      seen.push(...body.data);
      url = body.links.next;
    }
    expect(seen).toHaveLength(state.allEvents().length);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    const times = seen.map((e) => e.attributes.timestamp);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
