/**
 * Composes the six subgraph schemas into `supergraph.graphql` with The Guild's composition.
 *   npm run compose            writes the file
 *   npm run compose -- --check fails when the committed file differs from a fresh composition
 * Either way, composition errors fail the command.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { loadConfig, SUBGRAPH_NAMES } from '../config/env.js';

// The supergraph records the default (embedded) URLs; deployments override them in the gateway config.
const config = loadConfig({});
const services = SUBGRAPH_NAMES.map((name) => ({
  name,
  url: config.subgraphs[name].url,
  typeDefs: parse(readFileSync(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8')),
}));

const result = composeServices(services);
if (result.errors && result.errors.length > 0 || !result.supergraphSdl) {
  for (const error of result.errors ?? []) console.error(`composition error: ${error.message}`);
  process.exit(1);
}
const supergraph = `${result.supergraphSdl.trim()}\n`;
const target = new URL('../supergraph.graphql', import.meta.url);

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // a missing file differs from any composition
  }
  if (committed !== supergraph) {
    console.error('supergraph.graphql is stale: run `npm run compose` and commit the result.');
    process.exit(1);
  }
  console.log('supergraph.graphql matches a fresh composition.');
} else {
  writeFileSync(target, supergraph);
  console.log(`composed ${services.length} subgraphs into supergraph.graphql`);
}
