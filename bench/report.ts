import { availableParallelism } from 'node:os';

/** Renders the bench rows as one markdown table per scenario: both sizes and how the figure grows. */
export interface BenchRow {
  scenario: string;
  size: number;
  metrics: Record<string, number>;
}

export function renderReport(rows: BenchRow[], context: { plan: { sizes: number[]; latencyMs: number }; quick: boolean; command: string }) {
  const [small, large] = context.plan.sizes as [number, number];
  const scenarios = [...new Set(rows.map((r) => r.scenario))];
  const lines = [
    `Command: \`${context.command}\` — people: ${small.toLocaleString('en-US')} and ${large.toLocaleString('en-US')}; ` +
      `sandbox latency ${context.plan.latencyMs} ms per vendor call; Node ${process.version}; ${availableParallelism()} cores.`,
    '',
    `| scenario | figure | ${fmtSize(small)} | ${fmtSize(large)} | growth (×) |`,
    '|---|---|---:|---:|---:|',
  ];
  for (const scenario of scenarios) {
    const a = rows.find((r) => r.scenario === scenario && r.size === small);
    const b = rows.find((r) => r.scenario === scenario && r.size === large);
    const metrics = Object.keys({ ...a?.metrics, ...b?.metrics });
    metrics.forEach((metric, i) => {
      const x = a?.metrics[metric];
      const y = b?.metrics[metric];
      const growth = x !== undefined && y !== undefined && x > 0 ? (y / x).toFixed(2) : '–';
      lines.push(`| ${i === 0 ? scenario : ''} | ${metric} | ${fmt(x)} | ${fmt(y)} | ${growth} |`);
    });
  }
  return { markdown: lines.join('\n') };
}

const fmtSize = (n: number) => `${n.toLocaleString('en-US')} people`;
const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(2));
