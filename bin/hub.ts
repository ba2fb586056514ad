/**
 * `npm start`: the whole hub on loopback, on the embedded defaults unless the environment says
 * otherwise. Ctrl-C (or SIGTERM) stops every service cleanly.
 */
import { DEMO_CLIENT_KEYS } from '../config/demo-clients.js';
import { demoClientsEnabled } from '../config/gateway-clients.js';
import { runService } from '../platform/run-service.js';
import { startHub } from './start-hub.js';

await runService('hub', async (config, logger) => {
  const hub = await startHub(config, logger);
  const lines = [
    '',
    'Customer Graph Hub is up.',
    `  gateway              ${hub.gatewayUrl}   (health /healthz, readiness /readyz)`,
    ...hub.services.filter((s) => s.name !== 'gateway' && s.url).map((s) => `  ${s.name.padEnd(20)} ${s.url}`),
    `  store                ${hub.stores.kind}`,
    '',
    ...(demoClientsEnabled(config.mode, config.host)
      ? [
          'Demo clients (embedded mode on loopback only; the keys are public):',
          `  hub_demo_internal    x-api-key: ${DEMO_CLIENT_KEYS.internal}   every scope, any document, the IDE at ${hub.gatewayUrl}`,
          `  hub_demo_partner     x-api-key: ${DEMO_CLIENT_KEYS.partner}    persisted operations only, no raw PII`,
          '',
          'Try:',
          `  curl -s ${hub.gatewayUrl} -H 'content-type: application/json' -H 'x-api-key: ${DEMO_CLIENT_KEYS.internal}' \\`,
          `    -d '{"query":"{ customers(first: 3) { edges { node { id identities { kind value } } } } }"}'`,
          '',
        ]
      : ['No demo clients outside the embedded mode: configure clients with GATEWAY_CLIENTS_FILE.', '']),
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  // The hub stops as one unit: services in reverse start order, then the store.
  return [{ name: 'hub', url: hub.gatewayUrl, close: () => hub.close() }];
});
