/**
 * Serves the IDE's static files from the installed @graphql-yoga/graphiql package: a fixed list
 * (no path from the URL ever reaches the file system), read once and kept in memory.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { IDE_ASSET_BASE } from './ide-page.js';

const FILES: Record<string, string> = {
  'yoga-graphiql.umd.js': 'application/javascript; charset=utf-8',
  'graphiql.css': 'text/css; charset=utf-8',
  'monacoeditorwork/editor.worker.bundle.js': 'application/javascript; charset=utf-8',
  'monacoeditorwork/json.worker.bundle.js': 'application/javascript; charset=utf-8',
  'monacoeditorwork/graphql.worker..bundle.js': 'application/javascript; charset=utf-8',
};

export const IDE_ASSET_FILES = Object.keys(FILES);

export interface IdeAsset {
  body: Buffer;
  contentType: string;
}

export function createIdeAssets(): (path: string) => IdeAsset | undefined {
  const dist = join(dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql/package.json')), 'dist');
  const cache = new Map<string, IdeAsset>();
  return (path) => {
    if (!path.startsWith(IDE_ASSET_BASE)) return undefined;
    const name = path.slice(IDE_ASSET_BASE.length);
    const contentType = FILES[name];
    if (!contentType) return undefined;
    let asset = cache.get(name);
    if (!asset) cache.set(name, (asset = { body: readFileSync(join(dist, name)), contentType }));
    return asset;
  };
}
