import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.js';
import { SANDBOX_CREDENTIALS } from '../config/sandbox-credentials.js';
import { generateWorld } from './demo-world/generate.js';
import { startSandboxes, type RunningSandbox } from './start.js';

const SANDBOX_PORTS = {
  HUBSPOT_SANDBOX_PORT: '0',
  SHOPIFY_SANDBOX_PORT: '0',
  KLAVIYO_SANDBOX_PORT: '0',
  META_SANDBOX_PORT: '0',
  GOOGLE_ADS_SANDBOX_PORT: '0',
};

let running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.close()));
  running = [];
});

async function start(env: Record<string, string>) {
  running = await startSandboxes(loadConfig({ ...SANDBOX_PORTS, ...env }), generateWorld({ seed: 7, people: 5 }));
  const url = (vendor: string) => running.find((s) => s.vendor === vendor)!.url;
  return {
    url,
    hubspotContacts: () =>
      fetch(`${url('hubspot')}/crm/v3/objects/contacts?limit=1`, { headers: { authorization: `Bearer ${SANDBOX_CREDENTIALS.hubspot.token}` } }),
    klaviyoProfiles: () =>
      fetch(`${url('klaviyo')}/api/profiles`, {
        headers: { authorization: `Klaviyo-API-Key ${SANDBOX_CREDENTIALS.klaviyo.token}`, revision: '2026-07-15', accept: 'application/vnd.api+json' },
      }),
    metaAudiences: () =>
      fetch(`${url('meta')}/v26.0/${SANDBOX_CREDENTIALS.meta.adAccountId}/customaudiences?access_token=${SANDBOX_CREDENTIALS.meta.token}`),
  };
}

describe('sandboxes started from the environment', () => {
  it('starts the vendors SANDBOX_OUTAGE names down, answering as each vendor does when it is down, and the others up', async () => {
    const sandboxes = await start({ SANDBOX_OUTAGE: 'meta, klaviyo' });

    const meta = await sandboxes.metaAudiences();
    expect(meta.status).toBe(500);
    expect((await meta.json()).error).toMatchObject({ code: 2, is_transient: true, message: 'Service temporarily unavailable' });
    const klaviyo = await sandboxes.klaviyoProfiles();
    expect(klaviyo.status).toBe(503);
    expect((await klaviyo.json()).errors[0]).toMatchObject({ status: 503 });

    const hubspot = await sandboxes.hubspotContacts();
    expect(hubspot.status).toBe(200);
    expect((await hubspot.json()).results).toHaveLength(1);

    const controls = await (await fetch(`${sandboxes.url('meta')}/__sandbox/controls`)).json();
    expect(controls).toMatchObject({ outage: true, errorRate: 0 });
    // The outage is a starting state: the admin route still lifts it at run time.
    await fetch(`${sandboxes.url('meta')}/__sandbox/controls`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outage: false }),
    });
    expect((await sandboxes.metaAudiences()).status).toBe(200);
  });

  it('fails the share of vendor calls SANDBOX_ERROR_RATE asks for with the vendor’s own 5xx', async () => {
    const sandboxes = await start({ SANDBOX_ERROR_RATE: '1' });
    for (let i = 0; i < 3; i++) {
      const hubspot = await sandboxes.hubspotContacts();
      expect(hubspot.status).toBe(502);
      expect(await hubspot.json()).toMatchObject({ status: 'error', category: 'SERVICE_UNAVAILABLE' });
    }
    const meta = await sandboxes.metaAudiences();
    expect(meta.status).toBe(500);
    expect((await meta.json()).error).toMatchObject({ code: 1, message: 'An unknown error occurred' });
    expect(await (await fetch(`${sandboxes.url('shopify')}/__sandbox/controls`)).json()).toMatchObject({ errorRate: 1, outage: false });
  });

  it('leaves every sandbox healthy by default', async () => {
    const sandboxes = await start({});
    expect((await sandboxes.hubspotContacts()).status).toBe(200);
    expect((await sandboxes.metaAudiences()).status).toBe(200);
    expect((await sandboxes.klaviyoProfiles()).status).toBe(200);
  });
});
