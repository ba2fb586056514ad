/**
 * `npm run pq -- <command>`: manages clients' persisted operations in the configured store (the
 * `persisted/` folder, `GATEWAY_PERSISTED_DIR`, or Redis with `GATEWAY_PERSISTED_STORE=redis`).
 * Running gateways pick changes up at once (file watch or Redis notice); no restart.
 *
 *   publish <client> <manifest.json>   add the operations of an Apollo or codegen manifest
 *   list <client>                      print id and operation name of each
 *   remove <client> <id>               withdraw one operation
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parse } from 'graphql';
import { Redis } from 'ioredis';
import { loadConfig } from '../../config/env.js';
import { createDocumentStore } from './create-document-store.js';
import { normalizeDocumentId, parseManifest } from './manifest.js';

const USAGE = 'usage: npm run pq -- publish <client> <manifest.json> | list <client> | remove <client> <id>';

export async function runPersistedCli(args: string[], out: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, client, arg] = args;
  if (!command || !client || !['publish', 'list', 'remove'].includes(command) || (command !== 'list' && !arg)) {
    out(USAGE);
    return 2;
  }
  const config = loadConfig(env);
  if (!config.gateway.clients.some((c) => c.name === client)) {
    out(`unknown client "${client}": configured clients are ${config.gateway.clients.map((c) => c.name).join(', ') || 'none'}`);
    return 2;
  }
  const redis = config.redis ? new Redis(config.redis.url, { maxRetriesPerRequest: 2 }) : undefined;
  const store = await createDocumentStore(config, redis, { watch: false });
  try {
    if (command === 'publish') {
      const manifest = parseManifest(JSON.parse(await readFile(arg!, 'utf8')));
      // Refuse the whole manifest if one document does not even parse: nothing half-published.
      for (const [id, body] of manifest) {
        try {
          parse(body);
        } catch (error) {
          out(`operation ${id}: ${(error as Error).message}`);
          return 1;
        }
      }
      const total = await store.publish(client, manifest);
      out(`published ${manifest.size} operation(s) for ${client}; it now has ${total}`);
    } else if (command === 'list') {
      for (const [id, body] of await store.list(client)) out(`${id}  ${/^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(body)?.[1] ?? '(anonymous)'}`);
    } else {
      const removed = await store.remove(client, normalizeDocumentId(arg!));
      out(removed ? `removed ${arg} from ${client}` : `${client} has no operation ${arg}`);
      if (!removed) return 1;
    }
    return 0;
  } catch (error) {
    out((error as Error).message);
    return 1;
  } finally {
    await store.close();
    redis?.disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runPersistedCli(process.argv.slice(2), (line) => console.log(line));
}
