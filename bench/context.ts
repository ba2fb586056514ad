/** What every scenario receives: the running hub at one size, the world it was seeded with, and where to put its figures. */
import type { generateWorld } from '../sandboxes/demo-world/generate.js';
import type { HubTopology } from './hub-processes.js';
import type { BenchPlan } from './plan.js';
import type { BenchRow } from './report.js';

export interface ScenarioContext {
  hub: HubTopology;
  world: ReturnType<typeof generateWorld>;
  plan: BenchPlan;
  /** 0 for the small size, 1 for the large one. */
  sizeIndex: 0 | 1;
  people: number;
  /** Headers of the bench's gateway client (the internal demo key unless BENCH_API_KEY is set). */
  headers: Record<string, string>;
  redisUrl: string;
  keyPrefix: string;
  row(scenario: string, metrics: BenchRow['metrics']): void;
  log(message: string): void;
}

export type Scenario = (context: ScenarioContext) => Promise<void>;

export const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Requests that failed in any way: transport errors, non-2xx answers, GraphQL errors in a 2xx. */
export const failures = (result: { errors: number; non2xx: number; graphqlErrors: number }) => result.errors + result.non2xx + result.graphqlErrors;
