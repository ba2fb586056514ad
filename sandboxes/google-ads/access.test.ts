/**
 * What every Google Ads call must pass: OAuth bearer auth, login-customer-id, a live version,
 * quotas answered with RESOURCE_EXHAUSTED and a retryDelay, and the kit's fault controls.
 */
import { describe, expect, it } from 'vitest';
import { AUTH, CUSTOMER_ID, firstError, googleAdsFixture } from './test-fixture.js';

const QUERY = { query: 'SELECT customer.id FROM customer' };

describe('Google Ads access', () => {
  it('refuses a missing or wrong OAuth token with UNAUTHENTICATED and an authenticationError', async () => {
    const { post } = googleAdsFixture();
    const missing = await post('/googleAds:search', QUERY, {});
    expect(missing.status).toBe(401);
    expect(missing.body.error.status).toBe('UNAUTHENTICATED');
    expect(firstError(missing.body).errorCode).toEqual({ authenticationError: 'OAUTH_TOKEN_HEADER_INVALID' });
    const wrong = await post('/googleAds:search', QUERY, { authorization: 'Bearer expired' });
    expect(wrong.status).toBe(401);
    expect(firstError(wrong.body).errorCode).toEqual({ authenticationError: 'OAUTH_TOKEN_INVALID' });
  });

  it('refuses a revoked token with OAUTH_TOKEN_REVOKED, and accepts it again once restored', async () => {
    const { post, sandbox } = googleAdsFixture();
    await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/google-ads/oauth', payload: { revoked: true } });
    const revoked = await post('/googleAds:search', QUERY);
    expect(revoked.status).toBe(401);
    expect(firstError(revoked.body).errorCode).toEqual({ authenticationError: 'OAUTH_TOKEN_REVOKED' });
    await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/google-ads/oauth', payload: { revoked: false } });
    expect((await post('/googleAds:search', QUERY)).status).toBe(200);
    expect((await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/google-ads/oauth', payload: { revoked: 'yes' } })).statusCode).toBe(400);
  });

  it('ignores the developer-token header (sunset on Sep 9 2026)', async () => {
    const { post } = googleAdsFixture();
    expect((await post('/googleAds:search', QUERY, { ...AUTH, 'developer-token': 'anything-at-all' })).status).toBe(200);
    expect((await post('/googleAds:search', QUERY, AUTH)).status).toBe(200);
  });

  it("accepts the account's manager as login-customer-id and refuses others", async () => {
    const { post, state } = googleAdsFixture();
    expect((await post('/googleAds:search', QUERY, { ...AUTH, 'login-customer-id': state.managerCustomerId })).status).toBe(200);
    const stranger = await post('/googleAds:search', QUERY, { ...AUTH, 'login-customer-id': '9999999999' });
    expect(stranger.status).toBe(403);
    expect(firstError(stranger.body).errorCode).toEqual({ authorizationError: 'USER_PERMISSION_DENIED' });
    const dashed = await post('/googleAds:search', QUERY, { ...AUTH, 'login-customer-id': '111-222-3334' });
    expect(dashed.status).toBe(400);
    expect(firstError(dashed.body).errorCode).toEqual({ headerError: 'INVALID_LOGIN_CUSTOMER_ID' });
  });

  it('requires login-customer-id when the user reaches the account only through its manager', async () => {
    const { post, state } = googleAdsFixture({ requireLoginCustomerId: true });
    const missing = await post('/googleAds:search', QUERY);
    expect(firstError(missing.body).errorCode).toEqual({ requestError: 'LOGIN_CUSTOMER_ID_PARAMETER_MISSING' });
    const direct = await post('/googleAds:search', QUERY, { ...AUTH, 'login-customer-id': CUSTOMER_ID });
    expect(direct.status).toBe(403);
    expect((await post('/googleAds:search', QUERY, { ...AUTH, 'login-customer-id': state.managerCustomerId })).status).toBe(200);
  });

  it('refuses an account the user cannot reach', async () => {
    const { sandbox } = googleAdsFixture();
    const response = await sandbox.app.inject({ method: 'POST', url: '/v26/customers/5555555555/googleAds:search', headers: AUTH, payload: QUERY });
    expect(response.statusCode).toBe(403);
    expect(firstError(response.json()).errorCode).toEqual({ authorizationError: 'USER_PERMISSION_DENIED' });
  });

  it('serves every live major, refuses sunset versions and answers 404 for unknown ones', async () => {
    const { sandbox } = googleAdsFixture();
    const call = (version: string) =>
      sandbox.app.inject({ method: 'POST', url: `/${version}/customers/${CUSTOMER_ID}/googleAds:search`, headers: AUTH, payload: QUERY });
    for (const version of ['v23', 'v24', 'v25', 'v26']) expect((await call(version)).statusCode).toBe(200);
    const sunset = await call('v22');
    expect(sunset.statusCode).toBe(400);
    expect(firstError(sunset.json()).errorCode).toEqual({ requestError: 'UNSUPPORTED_VERSION' });
    expect((await call('v99')).statusCode).toBe(404);
    const v25 = await sandbox.app.inject({ method: 'POST', url: `/v25/customers/${CUSTOMER_ID}/googleAds:search`, headers: AUTH, payload: { query: 'SELECT x.y FROM customer' } });
    expect(v25.json().error.details[0]['@type']).toBe('type.googleapis.com/google.ads.googleads.v25.errors.GoogleAdsFailure');
  });

  it('answers malformed JSON with INVALID_ARGUMENT', async () => {
    const { sandbox } = googleAdsFixture();
    const response = await sandbox.app.inject({
      method: 'POST',
      url: `/v26/customers/${CUSTOMER_ID}/googleAds:search`,
      headers: { ...AUTH, 'content-type': 'application/json' },
      payload: '{"query":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.status).toBe('INVALID_ARGUMENT');
  });
});

describe('Google Ads quotas', () => {
  it('answers RESOURCE_EXHAUSTED with quotaErrorDetails.retryDelay once the per-account window is spent', async () => {
    let clock = 1_000_000;
    const { post } = googleAdsFixture({ quota: { requestsPerWindow: 2, windowMs: 30_000 }, quotaClock: () => clock });
    expect((await post('/googleAds:search', QUERY)).status).toBe(200);
    expect((await post('/googleAds:search', QUERY)).status).toBe(200);
    clock += 5_000;
    const throttled = await post('/googleAds:search', QUERY);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(firstError(throttled.body)).toMatchObject({
      errorCode: { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' },
      details: { quotaErrorDetails: { rateScope: 'ACCOUNT', retryDelay: '25s' } },
    });
    clock += 25_000;
    expect((await post('/googleAds:search', QUERY)).status).toBe(200);
  });

  it('spends the daily operations budget per search and per mutate operation', async () => {
    const { post } = googleAdsFixture({ quota: { dailyOperations: 3 }, quotaClock: () => Date.parse('2026-11-01T12:00:00Z') });
    expect((await post('/googleAds:search', QUERY)).status).toBe(200);
    const twoOps = { operations: [{ create: { name: 'A', crmBasedUserList: {} } }, { create: { name: 'B', crmBasedUserList: {} } }] };
    expect((await post('/userLists:mutate', twoOps)).status).toBe(200);
    const exhausted = await post('/googleAds:search', QUERY);
    expect(exhausted.status).toBe(429);
    expect(firstError(exhausted.body)).toMatchObject({
      errorCode: { quotaError: 'RESOURCE_EXHAUSTED' },
      details: { quotaErrorDetails: { rateScope: 'DEVELOPER', retryDelay: '72000s' } },
    });
  });

  it('takes new limits at run time from the admin route, and refuses nonsense', async () => {
    const { post, sandbox } = googleAdsFixture();
    const set = await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/google-ads/quota', payload: { requestsPerWindow: 1, windowMs: 120_000 } });
    expect(set.json()).toEqual({ requestsPerWindow: 1, windowMs: 120_000 });
    expect((await post('/googleAds:search', QUERY)).status).toBe(200);
    const throttled = await post('/googleAds:search', QUERY);
    expect(throttled.status).toBe(429);
    expect(firstError(throttled.body).details.quotaErrorDetails.retryDelay).toMatch(/^1[12]\ds$/);
    expect((await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/google-ads/quota', payload: { requestsPerWindow: -1 } })).statusCode).toBe(400);
  });

  it('lets everything through when throttling is switched off', async () => {
    const { post, sandbox } = googleAdsFixture({ quota: { requestsPerWindow: 1 } });
    await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/controls', payload: { throttling: false } });
    for (let i = 0; i < 3; i++) expect((await post('/googleAds:search', QUERY)).status).toBe(200);
  });

  it('answers an outage as Google does (UNAVAILABLE with a GoogleAdsFailure) and counts calls', async () => {
    const { post, sandbox } = googleAdsFixture();
    await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/controls', payload: { outage: true } });
    const down = await post('/googleAds:search', QUERY);
    expect(down.status).toBe(503);
    expect(down.body.error.status).toBe('UNAVAILABLE');
    expect(firstError(down.body).errorCode).toEqual({ internalError: 'TRANSIENT_ERROR' });
    const calls = (await sandbox.app.inject({ method: 'GET', url: '/__sandbox/calls' })).json();
    expect(calls.byRoute['POST /:version/customers/:customerId/googleAds::search']).toBe(1);
  });
});
