/**
 * `npm start`: the whole hub on loopback, on the embedded defaults unless the environment says
 * otherwise. Ctrl-C (or SIGTERM) stops every service cleanly.
 */
import { runService } from '../platform/run-service.js';
import { startHub } from './start-hub.js';

await runService('hub', async (config, logger) => {
  const hub = await startHub(config, logger);
  const lines = [
    '',
    'Customer Graph Hub is up.',
    `  gateway              ${hub.gatewayUrl}   (health /healthz, readiness /readyz)`,
    ...hub.services.filter((s) => s.name !== 'gateway').map((s) => `  ${s.name.padEnd(20)} ${s.url}`),
    `  store                ${hub.stores.kind}`,
    '',
    'Try:',
    `  curl -s ${hub.gatewayUrl} -H 'content-type: application/json' \\`,
    `    -d '{"query":"{ customers(first: 3) { edges { node { id identities { kind value } } } } }"}'`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  // The hub stops as one unit: services in reverse start order, then the store.
  return [{ name: 'hub', url: hub.gatewayUrl, close: () => hub.close() }];
});
