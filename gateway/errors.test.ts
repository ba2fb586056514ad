import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ALL_SCOPES } from '../config/scopes.js';
import { GATEWAY_ERRORS } from './errors.js';

const architecture = readFileSync(new URL('../docs/ARCHITECTURE.md', import.meta.url), 'utf8');
const supergraph = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');

it('documents every gateway error code in docs/ARCHITECTURE.md', () => {
  for (const code of Object.keys(GATEWAY_ERRORS)) expect(architecture, code).toContain(`| \`${code}\` | ${GATEWAY_ERRORS[code as keyof typeof GATEWAY_ERRORS].status} |`);
});

it('knows, and documents, every scope the supergraph requires', () => {
  const used = new Set([...supergraph.matchAll(/@requiresScopes\(scopes: \[(.*?)\]\)/g)].flatMap((m) => [...m[1]!.matchAll(/"([^"]+)"/g)].map((s) => s[1]!)));
  expect(used.size).toBeGreaterThan(0);
  for (const scope of used) expect(ALL_SCOPES, scope).toContain(scope);
  for (const scope of ALL_SCOPES) expect(architecture, scope).toContain(`| \`${scope}\` |`);
});
