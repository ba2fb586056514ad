/**
 * Keeps the README honest: its example query, run against a fresh hub on the default demo
 * world, must return exactly the answer the README shows.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningHub } from '../../bin/start-hub.js';
import { gql, startTestHub } from '../support/hub.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function block(marker: string): string {
  const match = new RegExp(`<!-- readme-example:${marker} -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match) throw new Error(`README has no ${marker} block`);
  return match[1]!;
}

let hub: RunningHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.close());

it('answers the README example query with the README answer', async () => {
  const { status, ...answer } = await gql(hub.gatewayUrl, block('query'));
  expect(status).toBe(200);
  expect(answer).toEqual(JSON.parse(block('answer')));
});
