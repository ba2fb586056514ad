/**
 * The GraphQL IDE (Yoga's GraphiQL) for internal clients, offline: the page loads its script,
 * styles and editor workers from this gateway (`/ide/*`, served from node_modules by ide-assets.ts),
 * never from a CDN. The page holds no data; the queries it sends carry the key typed into its
 * headers tab (prefilled with the internal demo key in the embedded mode).
 */
export const IDE_ASSET_BASE = '/ide/';

const escapeForScript = (json: string) => json.replace(/</g, '\\u003c');

export function renderIdePage(options: Record<string, unknown>): string {
  const title = String(options['title'] ?? 'GraphiQL').replace(/[<>&"]/g, '');
  const base = IDE_ASSET_BASE;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="stylesheet" href="${base}graphiql.css">
</head>
<body class="no-focus-outline">
<noscript>This IDE needs JavaScript.</noscript>
<div id="root">Loading ${title}…</div>
<script>
const workers = {};
const workerUrls = {
  editorWorkerService: '${base}monacoeditorwork/editor.worker.bundle.js',
  json: '${base}monacoeditorwork/json.worker.bundle.js',
  graphql: '${base}monacoeditorwork/graphql.worker..bundle.js',
};
function prepareWorkers() {
  return Promise.all(Object.entries(workerUrls).map(async ([name, url]) => {
    const source = await (await fetch(url)).text();
    workers[name] = URL.createObjectURL(new Blob([source], { type: 'application/javascript' }));
  }));
}
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_id, label) => workers[label] };
</script>
<script src="${base}yoga-graphiql.umd.js"></script>
<script>prepareWorkers().finally(() => YogaGraphiQL.renderYogaGraphiQL(root, ${escapeForScript(JSON.stringify(options))}));</script>
</body>
</html>`;
}
