/**
 * The gateway's HTTP server: GraphQL at /graphql, `/healthz` (the process is up) and `/readyz`
 * (every subgraph is reachable). Stopping closes the listener and disposes the runtime, which
 * otherwise keeps the event loop alive.
 */
import { createServer } from 'node:http';
import type { HubConfig, SubgraphName } from '../config/env.js';
import { closeServer, listen } from '../platform/listen.js';
import type { RunningService } from '../platform/service.js';
import { createGateway } from './create-gateway.js';
import { probeSubgraphs } from './readiness.js';

export async function startGateway(config: HubConfig, subgraphUrls: Record<SubgraphName, string>): Promise<RunningService> {
  const gateway = createGateway(config, subgraphUrls);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path === '/readyz') {
      void probeSubgraphs(subgraphUrls).then((subgraphs) => {
        const ready = subgraphs.every((s) => s.ok);
        res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ready ? 'ready' : 'not ready', subgraphs }));
      });
      return;
    }
    void gateway(req, res);
  });
  const port = await listen(server, config.host, config.gateway.port);
  return {
    name: 'gateway',
    url: `http://${config.host}:${port}/graphql`,
    close: async () => {
      await closeServer(server);
      await gateway[Symbol.asyncDispose]();
    },
  };
}
