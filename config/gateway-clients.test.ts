import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigError } from './config-error.js';
import { loadConfig } from './env.js';
import { hashApiKey } from './gateway-clients.js';

const clientsFile = (content: unknown) => {
  const file = join(mkdtempSync(join(tmpdir(), 'hub-clients-')), 'clients.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};

describe('gateway clients', () => {
  it('has the two demo clients only in the embedded mode on loopback', () => {
    expect(loadConfig({}).gateway.clients.map((c) => c.name)).toEqual(['hub_demo_internal', 'hub_demo_partner']);
    expect(loadConfig({ HUB_HOST: '0.0.0.0' }).gateway.clients).toEqual([]);
    const production = loadConfig({
      HUB_MODE: 'production', REDIS_URL: 'redis://r:6379', SANDBOXES: 'on', HUB_UPSTREAM_SECRET: 'x'.repeat(32),
    });
    expect(production.gateway.clients).toEqual([]);
  });

  it('reads clients from a file, with key hashes from the environment', () => {
    const file = clientsFile({ clients: [{ name: 'acme', scopes: ['pii:read'], rateLimit: { points: 5, durationSeconds: 60 } }] });
    const [acme] = loadConfig({ HUB_HOST: '0.0.0.0', GATEWAY_CLIENTS_FILE: file, GATEWAY_CLIENT_KEYS: `acme=${hashApiKey('k')}` }).gateway.clients;
    expect(acme).toEqual({
      name: 'acme', apiKeySha256: hashApiKey('k'), scopes: ['pii:read'], arbitraryDocuments: false, introspection: false,
      rateLimit: { points: 5, durationSeconds: 60 },
    });
  });

  it('refuses unknown scopes, raw keys, duplicate or unknown names, and a missing file, listing every problem', () => {
    const file = clientsFile({ clients: [{ name: 'a', scopes: ['root'] }, { name: 'b', apiKeySha256: 'plain-key' }, { name: 'b' }] });
    try {
      loadConfig({ GATEWAY_CLIENTS_FILE: file, GATEWAY_CLIENT_KEYS: 'nobody=' + hashApiKey('k') });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/clients\.0\.scopes\.0/);
      expect(problems).toMatch(/clients\.1\.apiKeySha256: must be the SHA-256/);
    }
    expect(() => loadConfig({ GATEWAY_CLIENTS_FILE: clientsFile({ clients: [{ name: 'b' }, { name: 'b' }] }) })).toThrow(/defined twice/);
    expect(() => loadConfig({ GATEWAY_CLIENT_KEYS: `nobody=${hashApiKey('k')}` })).toThrow(/no client named "nobody"/);
    expect(() => loadConfig({ GATEWAY_CLIENTS_FILE: '/nonexistent/clients.json' })).toThrow(/cannot read/);
  });

  it('requires a shared upstream secret in production', () => {
    expect(() => loadConfig({ HUB_MODE: 'production', REDIS_URL: 'redis://r:6379', SANDBOXES: 'on' })).toThrow(/HUB_UPSTREAM_SECRET/);
  });
});
