/**
 * Who may call the gateway and what they may see, over HTTP: API keys and JWTs, anonymous
 * refusal, partners held to their persisted operations, PII behind `pii:read`, APQ for first-party
 * clients, introspection per client, and subgraphs that refuse anything not signed by the gateway.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { sha256Hex } from '../../gateway/persisted/manifest.js';
import { gql, INTERNAL_CLIENT, PARTNER_CLIENT, startTestHub } from '../support/hub.js';
import { post, startJwks, writeClientsFile, type TestJwks } from '../support/gateway.js';

const manifest = JSON.parse(readFileSync(new URL('../../persisted/hub_demo_partner.json', import.meta.url), 'utf8')) as {
  operations: { id: string; name: string; body: string }[];
};
const idOf = (name: string) => manifest.operations.find((o) => o.name === name)!.id;
const EMAIL = 'sam.silva1@mail.example';
const APP = { 'x-api-key': 'first-party-app-key' };

describe('gateway access', () => {
  let hub: RunningHub;
  let jwks: TestJwks;

  beforeAll(async () => {
    jwks = await startJwks();
    const clients = writeClientsFile([
      // A first-party app: any document (and APQ), but no introspection nor PII.
      { name: 'web-app', key: APP['x-api-key'], arbitraryDocuments: true, introspection: false },
      // A service that presents JWTs; what its tokens may grant is capped by these scopes.
      { name: 'crm-sync', scopes: ['pii:read'], arbitraryDocuments: true },
    ]);
    hub = await startTestHub({
      GATEWAY_CLIENTS_FILE: clients,
      GATEWAY_JWKS_URL: jwks.url,
      GATEWAY_JWT_ISSUER: 'https://auth.test',
      GATEWAY_JWT_AUDIENCE: 'customer-graph-hub',
    });
  });
  afterAll(async () => {
    await hub?.close();
    await jwks?.close();
  });

  it('answers an anonymous or wrongly keyed caller 401 UNAUTHENTICATED, and nothing else', async () => {
    for (const headers of [{}, { 'x-api-key': 'not-a-key' }, { authorization: 'Basic abc' }] as Record<string, string>[]) {
      const { status, data, errors } = await gql(hub.gatewayUrl, '{ customers(first: 1) { totalCount } }', undefined, headers);
      expect(status).toBe(401);
      expect(data).toBeUndefined();
      expect(errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a partner’s own document and an unknown persisted id', async () => {
    const arbitrary = await gql(hub.gatewayUrl, '{ customers(first: 1) { totalCount } }', undefined, PARTNER_CLIENT);
    expect(arbitrary.status).toBe(403);
    expect(arbitrary.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_ONLY');

    const unknown = await post(hub.gatewayUrl, { documentId: sha256Hex('{ customers { totalCount } }') }, PARTNER_CLIENT);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('answers a partner’s persisted operation, by documentId or APQ hash, vendor fields joined without raw PII', async () => {
    const variables = { email: EMAIL };
    for (const body of [
      { documentId: idOf('PartnerCustomerSummary'), variables },
      { documentId: `sha256:${idOf('PartnerCustomerSummary')}`, variables },
      { extensions: { persistedQuery: { version: 1, sha256Hash: idOf('PartnerCustomerSummary') } }, variables },
    ]) {
      const { status, body: answer } = await post(hub.gatewayUrl, body, PARTNER_CLIENT);
      expect(status).toBe(200);
      expect(answer.errors).toBeUndefined();
      const customer = answer.data.customer;
      // The vendor subgraphs still got the identities they `@require` (raw email included) from the gateway.
      expect(customer.hubspot).toEqual({ id: '100008', lifecycleStage: 'subscriber' });
      expect(customer.shopify.numberOfOrders).toBe(2);
      expect(customer.identities).toContainEqual({ kind: 'EMAIL', maskedValue: 's***@mail.example' });
      expect(JSON.stringify(answer)).not.toContain(EMAIL);
    }
  });

  it('refuses PII fields to a client without pii:read, naming each field and the scope', async () => {
    const { status, body } = await post(hub.gatewayUrl, { documentId: idOf('PartnerCustomerContact'), variables: { email: EMAIL } }, PARTNER_CLIENT);
    expect(status).toBe(403);
    expect(body.data).toBeNull();
    const refused = body.errors.map((e: { extensions: { code: string; field: string; requiredScopes: string[][] } }) => e.extensions);
    expect(refused).toEqual([
      expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', field: 'Identity.value', requiredScopes: [['pii:read']] }),
      expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', field: 'HubSpotContact.email', requiredScopes: [['pii:read']] }),
    ]);
    // The same document, asked by a client holding pii:read, is answered.
    const internal = await gql(hub.gatewayUrl, manifest.operations.find((o) => o.name === 'PartnerCustomerContact')!.body, { email: EMAIL });
    expect(internal.data!.customer.hubspot.email).toBe(EMAIL);
  });

  it('lets a first-party client register and reuse automatic persisted queries; partners never read them', async () => {
    const query = '{ customers(first: 2) { totalCount } }';
    const apq = { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } };
    const first = await post(hub.gatewayUrl, { extensions: apq }, APP);
    expect(first.body.errors[0].message).toBe('PersistedQueryNotFound'); // what Apollo Client waits for
    const register = await post(hub.gatewayUrl, { query, extensions: apq }, APP);
    expect(register.body.data.customers.totalCount).toBe(40);
    const reuse = await post(hub.gatewayUrl, { extensions: apq }, APP);
    expect(reuse.body).toEqual(register.body);

    const partner = await post(hub.gatewayUrl, { extensions: apq }, PARTNER_CLIENT);
    expect(partner.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const lying = await post(hub.gatewayUrl, { query: '{ customers(first: 1) { totalCount } }', extensions: apq }, APP);
    expect(lying.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });

  it('verifies bearer tokens against the JWKS, scopes from the token capped by the client', async () => {
    const query = `{ customer(email: "${EMAIL}") { identities { kind value } } }`;
    const withPii = await jwks.sign({ client_id: 'crm-sync', scope: 'pii:read consent:write' });
    const ok = await gql(hub.gatewayUrl, query, undefined, { authorization: `Bearer ${withPii}` });
    expect(ok.data!.customer.identities).toContainEqual({ kind: 'EMAIL', value: EMAIL });

    const withoutPii = await jwks.sign({ client_id: 'crm-sync', scope: '' });
    const refused = await gql(hub.gatewayUrl, query, undefined, { authorization: `Bearer ${withoutPii}` });
    expect(refused.errors![0]!.extensions!.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');

    const expired = await jwks.sign({ client_id: 'crm-sync', scope: 'pii:read' }, { expiresIn: '-1m' });
    const unknownClient = await jwks.sign({ client_id: 'nobody', scope: 'pii:read' });
    for (const token of [expired, unknownClient, `${withPii.slice(0, -4)}AAAA`]) {
      const answer = await gql(hub.gatewayUrl, query, undefined, { authorization: `Bearer ${token}` });
      expect(answer.status).toBe(401);
      expect(answer.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers introspection and field suggestions only to clients allowed them', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    expect((await gql(hub.gatewayUrl, introspection)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const refused = await gql(hub.gatewayUrl, introspection, undefined, APP);
    expect(refused.errors![0]!.extensions!.code).toBe('INTROSPECTION_DISABLED');

    const typo = '{ customers(first: 1) { totalCont } }';
    expect((await gql(hub.gatewayUrl, typo)).errors![0]!.message).toMatch(/Did you mean "totalCount"/);
    const masked = await gql(hub.gatewayUrl, typo, undefined, APP);
    expect(masked.errors![0]!.message).not.toMatch(/totalCount/);
  });

  it('has subgraphs refuse calls not signed by the gateway, while the gateway’s own calls pass', async () => {
    const customerSubgraph = hub.services.find((s) => s.name === 'subgraph:customer')!.url;
    const body = { query: '{ customers(first: 1) { totalCount } }' };
    const unsigned = await post(customerSubgraph, body, {});
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.errors[0].extensions).toMatchObject({ code: 'UPSTREAM_SIGNATURE_REQUIRED', reason: 'missing_signature' });
    const forged = await post(customerSubgraph, { ...body, extensions: { 'hmac-signature': Buffer.alloc(32).toString('base64') } }, {});
    expect(forged.body.errors[0].extensions.reason).toBe('invalid_signature');

    expect((await fetch(new URL('/readyz', hub.gatewayUrl))).status).toBe(200);
    expect((await gql(hub.gatewayUrl, body.query, undefined, INTERNAL_CLIENT)).data).toEqual({ customers: { totalCount: 40 } });
  });
});
