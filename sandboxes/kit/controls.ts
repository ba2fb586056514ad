/**
 * Fault and behaviour controls every sandbox shares, set from the environment at start
 * (SANDBOX_LATENCY_MS, SANDBOX_ERROR_RATE, SANDBOX_OUTAGE, SANDBOX_THROTTLING) and
 * changed at run time through `PUT /__sandbox/controls`.
 */
import { z } from 'zod';

export const SandboxControlsSchema = z.object({
  /** Milliseconds added to every vendor API response. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Share of vendor API calls answered with a 5xx, in [0, 1]. */
  errorRate: z.number().min(0).max(1).default(0),
  /** When true every vendor API call fails as the vendor does when it is down. */
  outage: z.boolean().default(false),
  /** When true the vendor's rate limits are enforced and throttled calls get its throttle signal. */
  throttling: z.boolean().default(true),
});

export type SandboxControls = z.infer<typeof SandboxControlsSchema>;

export const defaultControls = (overrides: Partial<SandboxControls> = {}): SandboxControls =>
  SandboxControlsSchema.parse(overrides);
