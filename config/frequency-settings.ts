/**
 * Frequency caps, quiet hours and reservation lifetime, parsed from the environment (zod). Kept
 * apart from env.ts so that file only gains a few lines; the profile's frequency module reads the
 * typed `FrequencySettings` and never the environment.
 *
 *   FREQUENCY_POLICIES                JSON array of caps (defaults below)
 *   FREQUENCY_QUIET_HOURS             `21:00-08:00` (local time of the customer) or `off`
 *   FREQUENCY_QUIET_HOURS_CHANNELS    `SMS,PUSH,EMAIL`
 *   FREQUENCY_DEFAULT_TIME_ZONE       IANA zone used when the customer's zone is unknown (`UTC`)
 *   FREQUENCY_RESERVATION_TTL_SECONDS how long an unconfirmed reservation holds its slot (900)
 */
import { z } from 'zod';

/** The unified channels (connectors/unified/event.ts); repeated here because config imports no connector code. */
export const FREQUENCY_CHANNELS = ['EMAIL', 'SMS', 'PUSH', 'PAID_SOCIAL', 'PAID_SEARCH', 'COMMERCE', 'SALES', 'WEB'] as const;
export type FrequencyChannel = (typeof FREQUENCY_CHANNELS)[number];

export interface FrequencyPolicy {
  /** Stable name shown in decisions (`marketing-24h`). */
  name: string;
  /** The channels whose touches count together toward this cap. */
  channels: FrequencyChannel[];
  /** At most this many touches in any sliding window of `windowMs`. */
  limit: number;
  windowMs: number;
}

export interface QuietHours {
  /** Minutes after local midnight at which quiet hours begin (21:00 → 1260). */
  startMinute: number;
  /** Minutes after local midnight at which they end; smaller than start means "past midnight". */
  endMinute: number;
  channels: FrequencyChannel[];
}

export interface FrequencySettings {
  policies: FrequencyPolicy[];
  /** Undefined: no quiet hours. */
  quietHours: QuietHours | undefined;
  /** IANA time zone for customers whose own zone is unknown. */
  defaultTimeZone: string;
  /** An unconfirmed reservation stops counting after this long. */
  reservationTtlMs: number;
  /** How long touches are kept: the longest policy window, and at least 30 days for `frequency(window)`. */
  retentionMs: number;
}

const DURATION = /^(\d+)(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

const durationMs = z
  .string()
  .regex(DURATION, 'expected a duration such as 30m, 24h or 7d')
  .transform((v) => {
    const [, n, unit] = DURATION.exec(v)!;
    return Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
  })
  .refine((ms) => ms > 0, 'must be longer than zero');

const PolicySchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lower-case letters, digits, - _ . (at most 64)'),
  channels: z
    .array(z.enum(FREQUENCY_CHANNELS))
    .min(1)
    .refine((list) => new Set(list).size === list.length, 'a channel may appear once per policy'),
  limit: z.number().int().min(0),
  window: durationMs,
});

const PoliciesSchema = z
  .array(PolicySchema)
  .refine((list) => new Set(list.map((p) => p.name)).size === list.length, 'policy names must be unique');

/** The defaults: 3 marketing messages a day across channels, 1 SMS a day, 5 emails a week. */
export const DEFAULT_FREQUENCY_POLICIES: FrequencyPolicy[] = [
  { name: 'marketing-24h', channels: ['EMAIL', 'SMS', 'PUSH'], limit: 3, windowMs: UNIT_MS.d },
  { name: 'sms-24h', channels: ['SMS'], limit: 1, windowMs: UNIT_MS.d },
  { name: 'email-7d', channels: ['EMAIL'], limit: 5, windowMs: 7 * UNIT_MS.d },
];

const MIN_RETENTION_MS = 30 * UNIT_MS.d;

const clock = (v: string) => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(v);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
};

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const FrequencyEnvSchema = z.object({
  FREQUENCY_POLICIES: z.string().optional(),
  FREQUENCY_QUIET_HOURS: z.string().default('21:00-08:00'),
  FREQUENCY_QUIET_HOURS_CHANNELS: z.string().default('SMS,PUSH,EMAIL'),
  FREQUENCY_DEFAULT_TIME_ZONE: z.string().default('UTC'),
  FREQUENCY_RESERVATION_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
});
export type FrequencyEnv = z.infer<typeof FrequencyEnvSchema>;

/** Turns the parsed variables into settings; problems are pushed (prefixed with the variable) rather than thrown. */
export function frequencySettingsFrom(env: FrequencyEnv, problems: string[]): FrequencySettings {
  let policies = DEFAULT_FREQUENCY_POLICIES;
  if (env.FREQUENCY_POLICIES !== undefined && env.FREQUENCY_POLICIES.trim() !== '') {
    let json: unknown;
    try {
      json = JSON.parse(env.FREQUENCY_POLICIES);
    } catch {
      problems.push('FREQUENCY_POLICIES: not valid JSON');
    }
    if (json !== undefined) {
      const parsed = PoliciesSchema.safeParse(json);
      if (parsed.success) policies = parsed.data.map(({ window, ...p }) => ({ ...p, windowMs: window }));
      else problems.push(...parsed.error.issues.map((i) => `FREQUENCY_POLICIES.${i.path.join('.')}: ${i.message}`));
    }
  }

  let quietHours: QuietHours | undefined;
  const quiet = env.FREQUENCY_QUIET_HOURS.trim();
  if (quiet !== 'off') {
    const [from, to] = quiet.split('-').map((s) => clock(s.trim()));
    const channels = env.FREQUENCY_QUIET_HOURS_CHANNELS.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = channels.filter((c) => !(FREQUENCY_CHANNELS as readonly string[]).includes(c));
    if (from === undefined || to === undefined || from === to) {
      problems.push('FREQUENCY_QUIET_HOURS: expected HH:MM-HH:MM (two different times) or off');
    } else if (unknown.length > 0) {
      problems.push(`FREQUENCY_QUIET_HOURS_CHANNELS: unknown channel(s) ${unknown.join(', ')}`);
    } else {
      quietHours = { startMinute: from, endMinute: to, channels: channels as FrequencyChannel[] };
    }
  }

  if (!isTimeZone(env.FREQUENCY_DEFAULT_TIME_ZONE)) {
    problems.push('FREQUENCY_DEFAULT_TIME_ZONE: not an IANA time zone');
  }
  return {
    policies,
    quietHours,
    defaultTimeZone: env.FREQUENCY_DEFAULT_TIME_ZONE,
    reservationTtlMs: env.FREQUENCY_RESERVATION_TTL_SECONDS * 1000,
    retentionMs: Math.max(MIN_RETENTION_MS, ...policies.map((p) => p.windowMs)),
  };
}
