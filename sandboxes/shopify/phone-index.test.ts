/**
 * `customers(query: "phone:…")` finds customers through the store's phone index (state.ts)
 * instead of a scan of every customer: these tests change phones through the admin actions and
 * check that the query still finds exactly what a scan would.
 */
import { describe, expect, it } from 'vitest';
import { createTestShopify } from './testing.js';

const BY_QUERY = 'query($q: String) { customers(first: 50, query: $q) { nodes { id phone } } }';

describe('Shopify sandbox: customers by phone stay right as actions change phones', () => {
  const setup = () => {
    const shopify = createTestShopify();
    const ids = async (q: string): Promise<string[]> => (await shopify.gql(BY_QUERY, { q })).body.data.customers.nodes.map((n: { id: string }) => n.id);
    return { ...shopify, ids };
  };

  it('finds a customer by a phone the update action gave it, and not by the phone it had before', async () => {
    const { world, action, ids } = setup();
    const person = world.people.find((p) => p.shopify?.phone)!;
    const gid = `gid://shopify/Customer/${person.shopify!.customerId}`;
    expect(await ids(`phone:${person.shopify!.phone}`)).toEqual([gid]);
    expect((await action(`customers/${person.shopify!.customerId}/update`, { phone: '+15035550177' })).status).toBeLessThan(300);
    expect(await ids('phone:+15035550177')).toEqual([gid]);
    expect(await ids(`phone:${person.shopify!.phone}`)).toEqual([]);
  });

  it('finds a customer created by the action by its phone, and no longer once it is redacted', async () => {
    const { action, ids } = setup();
    const created = await action('customers', { email: 'phone.index@example.com', phone: '+15035550188' });
    expect(created.status).toBeLessThan(300);
    const gid = created.body.customerId as string;
    expect(await ids('phone:+15035550188')).toEqual([gid]);
    expect(await ids('phone:+15035550188 OR email:nobody@example.com')).toEqual([gid]);
    expect((await action('redact', { customerId: gid })).status).toBeLessThan(300);
    expect(await ids('phone:+15035550188')).toEqual([]);
  });

  it('answers several phones ORed, with other terms ANDed, in the order a scan gives', async () => {
    const { world, ids, gql } = setup();
    const withPhone = world.people.filter((p) => p.shopify?.phone).slice(0, 4);
    const q = withPhone.map((p) => `phone:${p.shopify!.phone}`).join(' OR ');
    const all: string[] = (await gql('{ customers(first: 250) { nodes { id } } }')).body.data.customers.nodes.map((n: { id: string }) => n.id);
    const expected = all.filter((id) => withPhone.some((p) => id.endsWith(`/${p.shopify!.customerId}`)));
    expect(await ids(q)).toEqual(expected);
    const one = withPhone[0]!;
    expect(await ids(`phone:${one.shopify!.phone} email:nobody@example.com`)).toEqual([]);
  });
});
