/**
 * Meta's rate limiting as the sandbox enforces it: the app's rolling-hour call budget (code 4), a
 * user token's budget (code 17), the ad-account score that decays (613/1487742), and the business
 * use case (BUC) budgets per type (80000 insights, 80003 custom audiences, 80004 ads management,
 * 80005 leadgen, each with subcode 2446079). Usage rises with every call and is reported in the
 * `X-App-Usage`, `X-Ad-Account-Usage` and `X-Business-Use-Case-Usage` headers as JSON strings,
 * percentages that reach 100 where throttling starts. Limits are options so tests can trip them.
 * @see https://developers.facebook.com/docs/graph-api/overview/rate-limiting
 * @see https://developers.facebook.com/docs/marketing-apis/rate-limiting
 */
import { z } from 'zod';
import { GraphRequestError } from './errors.js';

export const BUC_TYPES = ['ads_management', 'ads_insights', 'custom_audience', 'leadgen'] as const;
export type BucType = (typeof BUC_TYPES)[number];

const BUC_THROTTLE: Record<BucType, { code: number; message: string }> = {
  ads_insights: { code: 80000, message: 'There have been too many calls from this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-insights.' },
  custom_audience: { code: 80003, message: 'There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#custom-audience.' },
  ads_management: { code: 80004, message: 'There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.' },
  leadgen: { code: 80005, message: 'There have been too many leadgen api calls to this Page. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#leadgen.' },
};

const Budget = z.object({ calls: z.number().int().positive(), windowSeconds: z.number().int().positive() });

export const MetaRateLimitsSchema = z.object({
  /** Calls per rolling hour for the app (Meta: 200 × daily active users). */
  appCallsPerHour: z.number().int().positive(),
  /** Calls per rolling hour for one access token. */
  userCallsPerHour: z.number().int().positive(),
  /** The ad-account score: reads cost 1, writes 3; past `maxScore` the account is blocked for `blockSeconds`. */
  adAccount: z.object({
    tier: z.enum(['development_access', 'standard_access']),
    maxScore: z.number().positive(),
    decaySeconds: z.number().int().positive(),
    blockSeconds: z.number().int().positive(),
  }),
  buc: z.object({ ads_management: Budget, ads_insights: Budget, custom_audience: Budget, leadgen: Budget }),
});
export type MetaRateLimits = z.infer<typeof MetaRateLimitsSchema>;
export const MetaRateLimitsPatchSchema = MetaRateLimitsSchema.partial().extend({
  adAccount: MetaRateLimitsSchema.shape.adAccount.partial().optional(),
  buc: z.object({ ads_management: Budget, ads_insights: Budget, custom_audience: Budget, leadgen: Budget }).partial().optional(),
});
export type MetaRateLimitsPatch = z.infer<typeof MetaRateLimitsPatchSchema>;

/** Standard-access budgets for a small account (3 ads, a few audiences and leads). */
export function defaultRateLimits(counts: { ads: number; audiences: number; leads: number } = { ads: 3, audiences: 10, leads: 10 }): MetaRateLimits {
  return {
    appCallsPerHour: 40_000,
    userCallsPerHour: 40_000,
    adAccount: { tier: 'standard_access', maxScore: 9000, decaySeconds: 300, blockSeconds: 60 },
    buc: {
      ads_management: { calls: 100_000 + 40 * counts.ads, windowSeconds: 3600 },
      ads_insights: { calls: 190_000 + 400 * counts.ads, windowSeconds: 3600 },
      custom_audience: { calls: Math.min(700_000, 190_000 + 40 * counts.audiences), windowSeconds: 3600 },
      // LeadGen: 4800 × leads created in the last 90 days, per 24 hours.
      leadgen: { calls: 4800 * Math.max(1, counts.leads), windowSeconds: 86_400 },
    },
  };
}

/** What a call costs: which BUC it counts toward, which business object that BUC is keyed by, and whether it writes. */
export interface CallProfile {
  buc: BucType;
  /** The ad account (without `act_`) or page id the BUC usage is reported under. */
  objectId: string;
  write: boolean;
  /** Ad-account calls also count toward the ad-account score. */
  adAccount: boolean;
}

export interface Admission {
  headers: Record<string, string>;
  error?: GraphRequestError;
}

const HOUR_MS = 3_600_000;

export class MetaRateMeter {
  private limits: MetaRateLimits;
  private readonly windows = new Map<string, number[]>();
  private scored: { at: number; points: number }[] = [];
  private blockedUntil = 0;

  constructor(
    limits: MetaRateLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.limits = MetaRateLimitsSchema.parse(limits);
  }

  getLimits(): MetaRateLimits {
    return this.limits;
  }

  setLimits(patch: MetaRateLimitsPatch): MetaRateLimits {
    this.limits = MetaRateLimitsSchema.parse({
      ...this.limits,
      ...patch,
      adAccount: { ...this.limits.adAccount, ...patch.adAccount },
      buc: { ...this.limits.buc, ...patch.buc },
    });
    return this.limits;
  }

  reset(): void {
    this.windows.clear();
    this.scored = [];
    this.blockedUntil = 0;
  }

  /** Counts the call unless a budget is spent (and `enforce` is on); the usage headers go out either way. */
  admit(call: CallProfile, token: string, enforce: boolean): Admission {
    const t = this.now();
    const error = enforce ? this.refusal(call, token, t) : undefined;
    if (!error) this.record(call, token, t);
    return { headers: this.headers(call, token, t), ...(error ? { error } : {}) };
  }

  private refusal(call: CallProfile, token: string, t: number): GraphRequestError | undefined {
    const transient = { is_transient: true };
    if (this.count('app', HOUR_MS, t) >= this.limits.appCallsPerHour) {
      return new GraphRequestError(4, '(#4) Application request limit reached', transient);
    }
    if (this.count(`user:${token}`, HOUR_MS, t) >= this.limits.userCallsPerHour) {
      return new GraphRequestError(17, '(#17) User request limit reached', { ...transient, error_subcode: 2446079 });
    }
    if (call.adAccount) {
      if (t < this.blockedUntil || this.score(t) >= this.limits.adAccount.maxScore) {
        if (t >= this.blockedUntil) this.blockedUntil = t + this.limits.adAccount.blockSeconds * 1000;
        return new GraphRequestError(613, '(#613) There have been too many calls from this ad-account. Wait a bit and try again.', {
          ...transient,
          error_subcode: 1487742,
        });
      }
    }
    const budget = this.limits.buc[call.buc];
    if (this.count(bucKey(call), budget.windowSeconds * 1000, t) >= budget.calls) {
      const { code, message } = BUC_THROTTLE[call.buc];
      return new GraphRequestError(code, `(#${code}) ${message}`, { ...transient, error_subcode: 2446079 });
    }
    return undefined;
  }

  private record(call: CallProfile, token: string, t: number): void {
    for (const key of ['app', `user:${token}`, bucKey(call)]) {
      const stamps = this.windows.get(key) ?? [];
      stamps.push(t);
      this.windows.set(key, stamps);
    }
    if (call.adAccount) this.scored.push({ at: t, points: call.write ? 3 : 1 });
  }

  private headers(call: CallProfile, token: string, t: number): Record<string, string> {
    const appPct = pct(this.count('app', HOUR_MS, t), this.limits.appCallsPerHour);
    const headers: Record<string, string> = {
      'x-app-usage': JSON.stringify({ call_count: appPct, total_cputime: Math.round(appPct * 0.4), total_time: Math.round(appPct * 0.6) }),
    };
    if (call.adAccount) {
      const { maxScore, decaySeconds, tier } = this.limits.adAccount;
      const oldest = this.scored[0]?.at;
      const resetMs = t < this.blockedUntil ? this.blockedUntil - t : oldest === undefined ? 0 : oldest + decaySeconds * 1000 - t;
      headers['x-ad-account-usage'] = JSON.stringify({
        acc_id_util_pct: Math.round((this.score(t) / maxScore) * 10_000) / 100,
        reset_time_duration: Math.max(0, Math.ceil(resetMs / 1000)),
        ads_api_access_tier: tier,
      });
    }
    const entries = BUC_TYPES.filter((type) => type === call.buc || (this.windows.get(`buc:${call.objectId}:${type}`)?.length ?? 0) > 0).map(
      (type) => {
        const budget = this.limits.buc[type];
        const key = `buc:${call.objectId}:${type}`;
        const used = pct(this.count(key, budget.windowSeconds * 1000, t), budget.calls);
        const oldest = this.windows.get(key)?.[0];
        const regainMs = used >= 100 && oldest !== undefined ? oldest + budget.windowSeconds * 1000 - t : 0;
        return {
          type,
          call_count: used,
          total_cputime: Math.round(used * 0.4),
          total_time: Math.round(used * 0.6),
          estimated_time_to_regain_access: Math.max(0, Math.ceil(regainMs / 60_000)),
          ads_api_access_tier: this.limits.adAccount.tier,
        };
      },
    );
    headers['x-business-use-case-usage'] = JSON.stringify({ [call.objectId]: entries });
    // Meta lets a browser script read these headers.
    headers['access-control-expose-headers'] = 'X-App-Usage, X-Ad-Account-Usage, X-Business-Use-Case-Usage';
    return headers;
  }

  /** Calls in the rolling window ending at `t` (older stamps are dropped). */
  private count(key: string, windowMs: number, t: number): number {
    const stamps = this.windows.get(key);
    if (!stamps) return 0;
    let drop = 0;
    while (drop < stamps.length && stamps[drop]! <= t - windowMs) drop++;
    if (drop > 0) stamps.splice(0, drop);
    return stamps.length;
  }

  /** The ad-account score: points of the calls within the decay period. */
  private score(t: number): number {
    const horizon = t - this.limits.adAccount.decaySeconds * 1000;
    while (this.scored.length > 0 && this.scored[0]!.at <= horizon) this.scored.shift();
    return this.scored.reduce((sum, s) => sum + s.points, 0);
  }
}

const bucKey = (call: CallProfile) => `buc:${call.objectId}:${call.buc}`;
/** Whole percent used, rounded down so that 100 means the budget is spent. */
const pct = (used: number, budget: number) => Math.min(100, Math.floor((used / budget) * 100));
