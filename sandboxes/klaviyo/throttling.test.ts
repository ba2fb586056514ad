import { describe, expect, it } from 'vitest';
import { klaviyoTestSandbox, testClock } from './testing.js';

describe('Klaviyo sandbox: rate limits', () => {
  const setup = () => {
    const clock = testClock(Date.parse('2026-11-02T10:00:00.000Z'));
    const sandbox = klaviyoTestSandbox({ clock, rateLimits: { profiles: { burst: 2, steady: 5 }, 'profiles:predictive': { burst: 1, steady: 2 } } });
    return { clock, ...sandbox };
  };

  it('sends RateLimit-* headers on every answer that is not a 429', async () => {
    const { get } = setup();
    const response = await get('/api/profiles');
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ 'ratelimit-limit': '5', 'ratelimit-remaining': '4', 'ratelimit-reset': '60' });
  });

  it('refuses past the burst window with 429, Retry-After and no RateLimit-* headers, then recovers next second', async () => {
    const { get, clock } = setup();
    expect((await get('/api/profiles')).statusCode).toBe(200);
    expect((await get('/api/profiles')).statusCode).toBe(200);
    const refused = await get('/api/profiles');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(Object.keys(refused.headers).filter((h) => h.startsWith('ratelimit-'))).toEqual([]);
    expect(refused.json().errors[0]).toMatchObject({
      status: 429,
      code: 'throttled',
      title: 'Request was throttled.',
      detail: 'Request was throttled. Expected available in 1 second.',
    });
    clock.advance(1000);
    expect((await get('/api/profiles')).statusCode).toBe(200);
  });

  it('refuses past the steady window until the minute ends', async () => {
    const { get, clock } = setup();
    for (let i = 0; i < 5; i++) {
      expect((await get('/api/profiles')).statusCode).toBe(200);
      clock.advance(1000);
    }
    const refused = await get('/api/profiles');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('55');
    expect(refused.json().errors[0].detail).toBe('Request was throttled. Expected available in 55 seconds.');
    clock.advance(55_000);
    expect((await get('/api/profiles')).statusCode).toBe(200);
  });

  it('counts reads of predictive analytics against their own, lower limit; other endpoints have theirs', async () => {
    const { get } = setup();
    const predictive = '/api/profiles?additional-fields[profile]=predictive_analytics';
    expect((await get(predictive)).statusCode).toBe(200);
    expect((await get(predictive)).statusCode).toBe(429);
    expect((await get('/api/profiles?additional-fields[profile]=subscriptions')).statusCode).toBe(200);
    const events = await get('/api/events?page[size]=1');
    expect(events.statusCode).toBe(200);
    expect(events.headers['ratelimit-limit']).toBe('3500');
  });

  it('does not count refused requests, and throttles nothing when throttling is off', async () => {
    const { get, sandbox } = setup();
    await get('/api/profiles');
    await get('/api/profiles');
    await get('/api/profiles');
    await sandbox.app.inject({ method: 'PUT', url: '/__sandbox/controls', payload: { throttling: false } });
    for (let i = 0; i < 10; i++) expect((await get('/api/profiles')).statusCode).toBe(200);
  });

  it('keeps the real Klaviyo limits by default', async () => {
    const { get } = klaviyoTestSandbox();
    expect((await get('/api/profiles')).headers['ratelimit-limit']).toBe('750');
    expect((await get('/api/profiles?additional-fields[profile]=predictive_analytics')).headers['ratelimit-limit']).toBe('150');
    expect((await get('/api/metrics')).headers['ratelimit-limit']).toBe('150');
  });

  it('lets tests and demos scale the limits and revoke the key at run time', async () => {
    const { get, sandbox } = klaviyoTestSandbox();
    const admin = (url: string, payload: object) => sandbox.app.inject({ method: 'PUT', url, payload });
    expect((await admin('/__sandbox/rate-limits', { metrics: { burst: 1, steady: 1 } })).statusCode).toBe(200);
    expect((await get('/api/metrics')).statusCode).toBe(200);
    expect((await get('/api/metrics')).statusCode).toBe(429);
    expect((await admin('/__sandbox/rate-limits', { nothing: { burst: 1, steady: 1 } })).statusCode).toBe(400);
    expect((await admin('/__sandbox/rate-limits', { metrics: { burst: 0, steady: 1 } })).statusCode).toBe(400);
    expect((await admin('/__sandbox/credentials', { apiKey: 'pk_rotated' })).statusCode).toBe(200);
    expect((await get('/api/profiles')).statusCode).toBe(401);
    expect((await admin('/__sandbox/credentials', {})).statusCode).toBe(400);
  });
});
