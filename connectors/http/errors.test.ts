import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { VENDOR_ERROR_CODES } from './errors.js';

it('documents every vendor error code in connectors/README.md', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  for (const [code, meaning] of Object.entries(VENDOR_ERROR_CODES)) {
    expect(readme).toContain(`| \`${code}\` | ${meaning} |`);
  }
});
