// Copies the non-TypeScript files the compiled code reads at run time (schemas, the shipped
// persisted-operation manifests) into dist/.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['subgraphs', 'sandboxes'];
let copied = 0;
function walk(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (entry.endsWith('.graphql')) {
      cpSync(path, join('dist', path));
      copied++;
    }
  }
}
roots.forEach(walk);
cpSync('supergraph.graphql', join('dist', 'supergraph.graphql'));
cpSync('persisted', join('dist', 'persisted'), { recursive: true, filter: (src) => statSync(src).isDirectory() || src.endsWith('.json') });
console.log(`copied ${copied} schema files and the supergraph into dist/`);
