/**
 * Manifests in both formats, the file store's hot reload, and the `pq` CLI against a folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PersistedDocumentStore } from './document-store.js';
import { createFileDocumentStore } from './file-store.js';
import { runPersistedCli } from './cli.js';
import { ManifestError, parseManifest, sha256Hex } from './manifest.js';

const QUERY = 'query Ping { customers(first: 1) { totalCount } }';
const apollo = (body: string, id = sha256Hex(body)) => ({
  format: 'apollo-persisted-query-manifest',
  version: 1,
  operations: [{ id, name: 'Ping', type: 'query', body }],
});

describe('parseManifest', () => {
  it('reads Apollo and codegen client-preset manifests into id → document', () => {
    expect(parseManifest(apollo(QUERY))).toEqual(new Map([[sha256Hex(QUERY), QUERY]]));
    expect(parseManifest({ [`sha256:${sha256Hex(QUERY).toUpperCase()}`]: QUERY })).toEqual(new Map([[sha256Hex(QUERY), QUERY]]));
  });

  it('refuses a manifest whose ids are not the hashes of their documents, or of no known format', () => {
    expect(() => parseManifest(apollo(QUERY, sha256Hex('something else')))).toThrow(ManifestError);
    expect(() => parseManifest({ operations: [] })).toThrow(/not an Apollo persisted-query manifest/);
  });
});

describe('file store and CLI', () => {
  const stores: PersistedDocumentStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  const open = async (dir: string) => {
    const store = await createFileDocumentStore({ dir });
    stores.push(store);
    return store;
  };
  const eventually = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
    return check();
  };

  it('reloads a client’s manifest when its file changes, without a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-pq-'));
    const store = await open(dir);
    expect(await store.get('acme', sha256Hex(QUERY))).toBeUndefined();
    writeFileSync(join(dir, 'acme.json'), JSON.stringify(apollo(QUERY)));
    expect(await eventually(async () => (await store.get('acme', sha256Hex(QUERY))) === QUERY)).toBe(true);
    writeFileSync(join(dir, 'acme.json'), JSON.stringify({ broken: true }));
    await new Promise((r) => setTimeout(r, 150));
    expect(await store.get('acme', sha256Hex(QUERY))).toBe(QUERY); // a bad file keeps the last good manifest
  });

  it('publishes, lists and removes operations through the CLI, seen live by a running store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-pq-'));
    const env = { GATEWAY_PERSISTED_DIR: dir };
    const live = await open(dir);
    const manifestFile = join(dir, 'upload.manifest');
    writeFileSync(manifestFile, JSON.stringify(apollo(QUERY)));
    const lines: string[] = [];
    const out = (line: string) => lines.push(line);

    expect(await runPersistedCli(['publish', 'hub_demo_partner', manifestFile], out, env)).toBe(0);
    expect(lines.pop()).toMatch(/published 1 operation\(s\) for hub_demo_partner; it now has 1/);
    expect(await eventually(async () => (await live.get('hub_demo_partner', sha256Hex(QUERY))) === QUERY)).toBe(true);

    expect(await runPersistedCli(['list', 'hub_demo_partner'], out, env)).toBe(0);
    expect(lines.pop()).toBe(`${sha256Hex(QUERY)}  Ping`);

    expect(await runPersistedCli(['remove', 'hub_demo_partner', `sha256:${sha256Hex(QUERY)}`], out, env)).toBe(0);
    expect(await eventually(async () => (await live.get('hub_demo_partner', sha256Hex(QUERY))) === undefined)).toBe(true);

    expect(await runPersistedCli(['publish', 'nobody', manifestFile], out, env)).toBe(2);
    expect(lines.pop()).toMatch(/unknown client "nobody"/);
    writeFileSync(manifestFile, JSON.stringify(apollo('query Broken {')));
    expect(await runPersistedCli(['publish', 'hub_demo_partner', manifestFile], out, env)).toBe(1);
    expect(await live.list('hub_demo_partner')).toEqual(new Map());
  });
});
