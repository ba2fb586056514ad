/** Peak resident set size (VmHWM) of the gateway and the subgraph processes, read last so it covers every scenario. */
import { round, type Scenario } from '../context.js';

export const memory: Scenario = async ({ hub, row }) => {
  const rss = hub.peakRssMiB();
  const subgraphs = Object.entries(rss).filter(([name]) => name.startsWith('subgraph:'));
  row('memory, peak RSS', {
    'gateway MiB': rss.gateway ?? Number.NaN,
    'largest subgraph MiB': Math.max(...subgraphs.map(([, v]) => v)),
    'all subgraphs MiB': round(subgraphs.reduce((sum, [, v]) => sum + v, 0), 1),
    'ingest MiB': rss.ingest ?? Number.NaN,
  });
};
