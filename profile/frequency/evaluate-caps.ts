/**
 * Cap arithmetic over counted touches, shared by the memory adapter's reserve, the frequency view
 * and contactability. The Redis adapter's Lua script does the same arithmetic in Lua; the contract
 * suite holds the two to the same answers.
 *
 * Sliding window: a touch at `at` counts toward a window of `w` while `now < at + w`, i.e. it
 * counts when `at > now - w` (a touch exactly one window old no longer counts). Touches dated in
 * the future (clock skew between vendors) count.
 */
import type { Channel } from '../../connectors/unified/event.js';
import type { CapHit, CapPolicy, CountedTouch, ExposureInput } from './touch.js';

export interface CapState extends CapHit {
  channels: readonly Channel[];
  windowMs: number;
  remaining: number;
  /** At or over the cap: one more touch on one of its channels is refused. */
  reached: boolean;
}

export function capState(touches: readonly Pick<CountedTouch, 'channel' | 'at'>[], policy: CapPolicy, now: number): CapState {
  const from = now - policy.windowMs;
  const times = touches
    .filter((t) => t.at > from && policy.channels.includes(t.channel))
    .map((t) => t.at)
    .sort((a, b) => a - b);
  const used = times.length;
  // To free one slot, `used - limit + 1` of the counted touches must leave; the last of them is
  // the k-th oldest. Under the cap this is the oldest one ("when the oldest counted touch leaves").
  const k = Math.max(1, used - policy.limit + 1);
  const leaving = times[k - 1];
  return {
    policy: policy.name,
    channels: policy.channels,
    windowMs: policy.windowMs,
    limit: policy.limit,
    used,
    remaining: Math.max(0, policy.limit - used),
    reached: used >= policy.limit,
    resetsAt: leaving === undefined ? undefined : leaving + policy.windowMs,
  };
}

/** The caps that apply to `channel`. */
export const policiesFor = (policies: readonly CapPolicy[], channel: Channel): CapPolicy[] =>
  policies.filter((p) => p.channels.includes(channel));

/** The caps a new touch on `channel` would break, with when each frees a slot. */
export function capHits(touches: readonly Pick<CountedTouch, 'channel' | 'at'>[], policies: readonly CapPolicy[], now: number): CapHit[] {
  return policies
    .map((p) => capState(touches, p, now))
    .filter((s) => s.reached)
    .map(({ policy, limit, used, resetsAt }) => ({ policy, limit, used, resetsAt }));
}

/** Where an exposure estimate's touches sit: `round(impressions)` instants spread evenly over its window. */
export function exposureTimes(input: ExposureInput): number[] {
  const n = Math.max(0, Math.round(input.impressions));
  const span = Math.max(0, input.until - input.since);
  return Array.from({ length: n }, (_, i) => Math.floor(input.since + ((i + 0.5) * span) / n));
}
