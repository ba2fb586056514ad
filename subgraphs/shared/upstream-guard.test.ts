/**
 * A subgraph started with the gateway's secret, over HTTP: unsigned, forged, tampered and stale
 * calls are refused; a mutation needs the signed caller to hold the scopes its fields declare.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../platform/service.js';
import { CALLER_EXTENSION, signParams, type UpstreamCaller } from '../../platform/upstream-signature.js';
import { startSubgraph } from './create-subgraph-server.js';

const SECRET = 'test-upstream-secret-of-enough-length';
const MUTATION = 'mutation ($id: ID!) { recordConsent(customerId: $id) }';

describe('upstreamGuard', () => {
  let subgraph: RunningService;
  beforeAll(async () => {
    subgraph = await startSubgraph({
      name: 'fixture',
      schemaUrl: new URL('./__fixtures__/scoped-mutation.graphql', import.meta.url),
      resolvers: {
        Query: { ping: () => 'pong' },
        Mutation: { recordConsent: (_: unknown, args: { customerId: string }, ctx: { caller?: UpstreamCaller }) => `${args.customerId} by ${ctx.caller?.client}`, touch: () => 'touched' },
      },
      context: async () => ({}),
      host: '127.0.0.1',
      port: 0,
      upstreamSecret: SECRET,
    });
  });
  afterAll(async () => subgraph?.close());

  const call = async (body: Record<string, unknown>) => {
    const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions: Record<string, unknown> }[] } };
  };
  const signed = (query: string, variables: Record<string, unknown> | undefined, caller?: Partial<UpstreamCaller>, secret = SECRET) => {
    const extensions = caller ? { [CALLER_EXTENSION]: { client: 'web', scopes: [], at: Date.now(), ...caller } } : undefined;
    return { query, variables, extensions: signParams(secret, { query, variables, extensions }) };
  };

  it('answers a signed call and refuses an unsigned or wrongly signed one', async () => {
    expect((await call(signed('{ ping }', undefined))).body.data).toEqual({ ping: 'pong' });
    const unsigned = await call({ query: '{ ping }' });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_SIGNATURE_REQUIRED', reason: 'missing_signature' });
    const otherSecret = await call(signed('{ ping }', undefined, undefined, 'another-secret'));
    expect(otherSecret.body.errors![0]!.extensions.reason).toBe('invalid_signature');
  });

  it('refuses a signed call whose document, variables or caller were changed after signing', async () => {
    const original = signed(MUTATION, { id: 'cus_1' }, { scopes: ['consent:write'] });
    const changedVariables = await call({ ...original, variables: { id: 'cus_2' } });
    expect(changedVariables.body.errors![0]!.extensions.reason).toBe('invalid_signature');
    const escalated = { ...original.extensions, [CALLER_EXTENSION]: { client: 'web', scopes: ['consent:write', 'pii:read'], at: Date.now() } };
    expect((await call({ ...original, extensions: escalated })).body.errors![0]!.extensions.reason).toBe('invalid_signature');
    const stale = await call(signed(MUTATION, { id: 'cus_1' }, { scopes: ['consent:write'], at: Date.now() - 10 * 60_000 }));
    expect(stale.body.errors![0]!.extensions.reason).toBe('stale_signature');
  });

  it('re-checks a mutation’s scopes against the signed caller', async () => {
    const allowed = await call(signed(MUTATION, { id: 'cus_1' }, { client: 'crm', scopes: ['consent:write'] }));
    expect(allowed.body.data).toEqual({ recordConsent: 'cus_1 by crm' });
    const refused = await call(signed(MUTATION, { id: 'cus_1' }, { scopes: ['pii:read'] }));
    expect(refused.status).toBe(403);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', fields: ['Mutation.recordConsent'] });
    const noCaller = await call(signed(MUTATION, { id: 'cus_1' }));
    expect(noCaller.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await call(signed('mutation { touch }', undefined, { scopes: [] }))).body.data).toEqual({ touch: 'touched' });
  });
});
