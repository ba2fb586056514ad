/**
 * Helpers for the gateway's end-to-end suites: a clients file in a temporary folder, a JWKS
 * server on loopback with a key to sign tokens, raw GraphQL posts (persisted ids, APQ), and
 * reading one sample from `/metrics`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { hashApiKey } from '../../config/gateway-clients.js';

export interface TestClient {
  name: string;
  key?: string;
  scopes?: string[];
  arbitraryDocuments?: boolean;
  introspection?: boolean;
  rateLimit?: { points: number; durationSeconds: number };
}

/** Writes a GATEWAY_CLIENTS_FILE (keys hashed, as an operator would) and returns its path. */
export function writeClientsFile(clients: TestClient[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-clients-'));
  const file = join(dir, 'clients.json');
  const entries = clients.map(({ key, ...rest }) => ({ ...rest, ...(key ? { apiKeySha256: hashApiKey(key) } : {}) }));
  writeFileSync(file, JSON.stringify({ clients: entries }, null, 2));
  return file;
}

export interface TestJwks {
  url: string;
  sign(claims: Record<string, unknown>, options?: { expiresIn?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startJwks(): Promise<TestJwks> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    sign: (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuedAt()
        .setIssuer('https://auth.test')
        .setAudience('customer-graph-hub')
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
  body: any;
}

/** Posts any GraphQL-over-HTTP body (documentId, APQ extensions, …). */
export async function post(url: string, body: unknown, headers: Record<string, string>): Promise<RawResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** The value of one Prometheus sample (0 when absent), matching every given label. */
export async function metric(gatewayUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(new URL('/metrics', gatewayUrl))).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) total += Number(line.split(' ').pop());
  }
  return total;
}
