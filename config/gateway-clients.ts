/**
 * Gateway clients from configuration: a JSON file (`GATEWAY_CLIENTS_FILE`) describes each client,
 * and the environment (`GATEWAY_CLIENT_KEYS=name=<sha256 hex>,...`) may supply or replace their
 * API key hashes, so the file can live in a repository without any key material. Keys are only
 * ever held as SHA-256 hashes. In the embedded mode on loopback the two demo clients are added.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEMO_CLIENTS } from './demo-clients.js';
import { ALL_SCOPES } from './scopes.js';

export interface GatewayClientConfig {
  /** Stable name: appears in metrics, logs, rate-limit and cache keys, manifest file names. */
  name: string;
  /** SHA-256 (hex) of the client's API key; undefined for clients that only present JWTs. */
  apiKeySha256: string | undefined;
  scopes: readonly string[];
  /** True: any document (and APQ registration). False: only its persisted operations. */
  arbitraryDocuments: boolean;
  /** Whether introspection and field suggestions are answered. */
  introspection: boolean;
  rateLimit: { points: number; durationSeconds: number };
}

const sha256Hex = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the key, 64 hex characters');

const ClientSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, "_" and "-"'),
    apiKeySha256: sha256Hex.optional(),
    scopes: z.array(z.enum(ALL_SCOPES as [string, ...string[]])).default([]),
    arbitraryDocuments: z.boolean().default(false),
    introspection: z.boolean().optional(),
    rateLimit: z
      .object({ points: z.number().int().positive(), durationSeconds: z.number().int().positive() })
      .default({ points: 100, durationSeconds: 1 }),
  })
  .strict();

const ClientsFileSchema = z.object({ clients: z.array(ClientSchema) }).strict();

export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/** Parses `name=<hex>,name2=<hex>`; problems are appended to `problems`. */
function parseKeyList(list: string | undefined, problems: string[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const entry of (list ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const [name, hash] = entry.split('=');
    const parsed = sha256Hex.safeParse(hash ?? '');
    if (!name || !parsed.success) problems.push(`GATEWAY_CLIENT_KEYS: "${name ?? entry}" needs name=<sha256 hex>`);
    else keys.set(name, parsed.data);
  }
  return keys;
}

export function loadGatewayClients(
  options: { file: string | undefined; keyList: string | undefined; mode: 'embedded' | 'production'; host: string },
  problems: string[],
): GatewayClientConfig[] {
  const clients: GatewayClientConfig[] = [];
  if (options.file) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(options.file, 'utf8'));
    } catch (error) {
      problems.push(`GATEWAY_CLIENTS_FILE: cannot read ${options.file}: ${(error as Error).message}`);
    }
    const parsed = ClientsFileSchema.safeParse(raw);
    if (raw !== undefined && !parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`GATEWAY_CLIENTS_FILE ${issue.path.join('.')}: ${issue.message}`);
    }
    for (const c of parsed.data?.clients ?? []) {
      clients.push({ ...c, apiKeySha256: c.apiKeySha256, introspection: c.introspection ?? c.arbitraryDocuments });
    }
  }
  if (options.mode === 'embedded' && isLoopback(options.host)) {
    for (const demo of DEMO_CLIENTS) {
      if (clients.some((c) => c.name === demo.name)) continue;
      clients.push({ ...demo, apiKeySha256: hashApiKey(demo.apiKey) });
    }
  }
  for (const [name, hash] of parseKeyList(options.keyList, problems)) {
    const client = clients.find((c) => c.name === name);
    if (client) client.apiKeySha256 = hash;
    else problems.push(`GATEWAY_CLIENT_KEYS: no client named "${name}"`);
  }
  const seen = new Set<string>();
  for (const client of clients) {
    if (seen.has(client.name)) problems.push(`GATEWAY_CLIENTS_FILE: client "${client.name}" is defined twice`);
    seen.add(client.name);
  }
  return clients;
}

export const demoClientsEnabled = (mode: 'embedded' | 'production', host: string) => mode === 'embedded' && isLoopback(host);
