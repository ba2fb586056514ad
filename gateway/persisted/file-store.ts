/**
 * Manifests as files: `<dir>/<client>.json`, one per client, in either manifest format. All are
 * loaded at start and reloaded when a file changes (fs.watch), so publishing is dropping a file
 * in place: no restart. A file that does not parse is reported and its previous content kept.
 */
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PersistedDocumentStore } from './document-store.js';
import { parseManifest, toApolloManifest, type Manifest } from './manifest.js';

const CLIENT_FILE = /^([a-z0-9][a-z0-9_-]*)\.json$/;

export interface FileStoreOptions {
  dir: string;
  /** Watch the folder and reload changed manifests. @default true */
  watch?: boolean;
  onError?: (file: string, error: unknown) => void;
}

export async function createFileDocumentStore(options: FileStoreOptions): Promise<PersistedDocumentStore> {
  const manifests = new Map<string, Manifest>();
  const load = async (file: string) => {
    const match = CLIENT_FILE.exec(file);
    if (!match) return;
    try {
      const text = await readFile(join(options.dir, file), 'utf8');
      manifests.set(match[1]!, parseManifest(JSON.parse(text)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') manifests.delete(match[1]!);
      else options.onError?.(file, error);
    }
  };
  await mkdir(options.dir, { recursive: true });
  await Promise.all((await readdir(options.dir)).map(load));

  let watcher: FSWatcher | undefined;
  if (options.watch ?? true) {
    const pending = new Map<string, NodeJS.Timeout>();
    watcher = watch(options.dir, (_event, file) => {
      if (!file || !CLIENT_FILE.test(file)) return;
      // Editors and renames fire several events per change: reload once they settle.
      clearTimeout(pending.get(file));
      pending.set(file, setTimeout(() => void load(file), 25));
    });
    watcher.unref();
  }

  const save = async (client: string, manifest: Manifest) => {
    const target = join(options.dir, `${client}.json`);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, toApolloManifest(manifest));
    await rename(temporary, target); // atomic: the watcher never reads half a file
    manifests.set(client, manifest);
  };

  return {
    get: async (client, id) => manifests.get(client)?.get(id),
    list: async (client) => new Map(manifests.get(client) ?? []),
    async publish(client, operations) {
      const next = new Map([...(manifests.get(client) ?? []), ...operations]);
      await save(client, next);
      return next.size;
    },
    async remove(client, id) {
      const current = new Map(manifests.get(client) ?? []);
      if (!current.delete(id)) return false;
      await save(client, current);
      return true;
    },
    close: async () => watcher?.close(),
  };
}
