/**
 * What the hub writes to its log while serving clients, read from the logger's own destination:
 * one access line per request, and never a credential (API key, bearer token) nor a raw email or
 * phone number, whether it came in the variables, in a refused request or in the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { createLogger } from '../../platform/logger.js';
import { generateWorld } from '../../sandboxes/demo-world/generate.js';
import { startJwks, writeClientsFile, type TestJwks } from '../support/gateway.js';
import { gql, startTestHub } from '../support/hub.js';

const OPS_KEY = 'ops-console-key-7f3a9c1e5b';
const OPS = { 'x-api-key': OPS_KEY };
const WRONG_KEY = 'wrong-key-0d2e4f6a8b';
const PERSON_QUERY = `query Person($email: String, $phone: String) {
  customer(email: $email, phone: $phone) { id identities { kind value } }
}`;
const LIST_QUERY = 'query List { customers(first: 10) { edges { node { id identities { kind value } } } } }';

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

describe('the hub’s log', () => {
  let hub: RunningHub;
  let jwks: TestJwks;
  const written: string[] = [];
  const lines = () => written.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
  const world = generateWorld({ seed: 42, people: 40 });
  /** Every credential and every raw email or phone the requests or answers carried. */
  const secrets = new Set<string>([OPS_KEY, WRONG_KEY]);
  const personal = new Set<string>();

  beforeAll(async () => {
    jwks = await startJwks();
    const clients = writeClientsFile([
      { name: 'ops-console', key: OPS_KEY, scopes: ['pii:read'], arbitraryDocuments: true },
      { name: 'crm-sync', scopes: ['pii:read'], arbitraryDocuments: true },
    ]);
    // Everything at trace, so that no line is left out because of its level.
    const logger = createLogger('hub', 'trace', { write: (chunk: string) => void written.push(chunk) });
    hub = await startTestHub(
      { GATEWAY_CLIENTS_FILE: clients, GATEWAY_JWKS_URL: jwks.url, GATEWAY_JWT_ISSUER: 'https://auth.test', GATEWAY_JWT_AUDIENCE: 'customer-graph-hub' },
      logger,
    );
  });
  afterAll(async () => {
    await hub?.close();
    await jwks?.close();
  });

  const remember = (data: unknown) => {
    JSON.stringify(data ?? null, (key, value) => {
      if (value && typeof value === 'object' && (value.kind === 'EMAIL' || value.kind === 'PHONE') && typeof value.value === 'string') personal.add(value.value);
      return value;
    });
  };

  it('logs every request without a credential or a raw email or phone', async () => {
    const person = world.people.find((p) => p.hubspot && p.shopify)!;
    const token = await jwks.sign({ client_id: 'crm-sync', scope: 'pii:read' });
    secrets.add(token);
    personal.add(person.email).add(person.phone);

    // Answers full of personal data, to an API key and to a bearer token.
    const byKey = await gql(hub.gatewayUrl, PERSON_QUERY, { email: person.email }, OPS);
    expect(byKey.data!.customer.identities).toContainEqual({ kind: 'EMAIL', value: person.email });
    remember(byKey.data);
    const byPhone = await gql(hub.gatewayUrl, PERSON_QUERY, { phone: person.phone }, { authorization: `Bearer ${token}` });
    expect(byPhone.data!.customer.id).toBe(byKey.data!.customer.id);
    remember(byPhone.data);
    const list = await gql(hub.gatewayUrl, LIST_QUERY, undefined, OPS);
    expect(list.data!.customers.edges.length).toBe(10);
    remember(list.data);

    // Refusals: a wrong key, a forged token, bad input echoing a malformed email.
    const forged = `${token.slice(0, -6)}AAAAAA`;
    secrets.add(forged);
    expect((await gql(hub.gatewayUrl, PERSON_QUERY, { email: person.email }, { 'x-api-key': WRONG_KEY })).status).toBe(401);
    expect((await gql(hub.gatewayUrl, PERSON_QUERY, { email: person.email }, { authorization: `Bearer ${forged}` })).status).toBe(401);
    const malformed = `not an email ${person.email}@@`;
    personal.add(malformed);
    const bad = await gql(hub.gatewayUrl, PERSON_QUERY, { email: malformed }, OPS);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const access = lines().filter((l) => l.msg === 'graphql request');
    expect(access.map((l) => l.client)).toEqual(expect.arrayContaining(['ops-console', 'crm-sync', 'anonymous']));
    expect(access.length).toBeGreaterThanOrEqual(6);
    expect(lines().some((l) => l.msg === 'refused an unauthenticated request')).toBe(true);

    expect(personal.size).toBeGreaterThan(10);
    const log = written.join('');
    for (const secret of secrets) {
      expect(log).not.toContain(secret);
      // Not even the signature part of a token.
      expect(log).not.toContain(secret.split('.').at(-1)!);
    }
    const lowerLog = log.toLowerCase();
    for (const value of personal) {
      expect(lowerLog).not.toContain(value.toLowerCase());
      const digits = value.replace(/\D/g, '');
      if (value.startsWith('+') && digits.length >= 8) expect(log).not.toContain(digits);
    }
  });
});
