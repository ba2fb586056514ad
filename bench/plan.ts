/**
 * What one bench run does: the two sizes and how hard each scenario pushes. `--quick` keeps the
 * whole run to about a minute of load; the full plan is the one the README table records.
 */
export interface BenchPlan {
  /** People in the demo world, small then large. */
  sizes: [number, number];
  /** Events on the measured person's timeline, at the small and the large size. */
  timelineEvents: [number, number];
  /** Added latency of every sandbox call, in ms. */
  latencyMs: number;
  durationS: number;
  coldRequests: number;
  listPages: number;
  connections: number;
  /** Concurrent clients racing for reservations. */
  reserveClients: number;
  /** People the reservations are spread over (each has the same cap). */
  reservePeople: number;
  /** Signed webhook deliveries posted to ingest. */
  webhookDeliveries: number;
}

export const QUICK_PLAN: BenchPlan = {
  sizes: [200, 2_000],
  timelineEvents: [100, 2_000],
  latencyMs: 25,
  durationS: 3,
  coldRequests: 60,
  listPages: 4,
  connections: 10,
  reserveClients: 50,
  reservePeople: 20,
  webhookDeliveries: 500,
};

export const FULL_PLAN: BenchPlan = {
  sizes: [1_000, 100_000],
  timelineEvents: [100, 10_000],
  latencyMs: 25,
  durationS: 10,
  coldRequests: 300,
  listPages: 20,
  connections: 20,
  reserveClients: 50,
  reservePeople: 100,
  webhookDeliveries: 3_000,
};
