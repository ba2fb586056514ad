/**
 * The one place that reads `process.env`. Everything else receives a typed `HubConfig`.
 *
 * Defaults serve the embedded mode (`npm start`): every service on loopback, the vendor
 * sandboxes standing in for the real APIs, the memory store. Setting a vendor's credentials
 * switches its connector to the real vendor; setting `REDIS_URL` moves shared state to Redis.
 */
import { z } from 'zod';
import { isSupportedCountry } from 'libphonenumber-js';
import { ConfigError } from './config-error.js';
import { randomBytes } from 'node:crypto';
import { loadGatewayClients, type GatewayClientConfig } from './gateway-clients.js';
import { FrequencyEnvSchema, frequencySettingsFrom, type FrequencySettings } from './frequency-settings.js';
import { SANDBOX_CREDENTIALS } from './sandbox-credentials.js';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const url = z.string().url();
/** A request budget such as `190/10s` or `700/1m`: points per window. */
const rateLimit = optionalString.pipe(
  z
    .string()
    .regex(/^\d+\/\d+(ms|s|m)$/, 'expected <points>/<window> such as 190/10s or 700/1m')
    .transform((v) => {
      const [, points, n, unit] = /^(\d+)\/(\d+)(ms|s|m)$/.exec(v)!;
      return { points: Number(points), durationMs: Number(n) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000) };
    })
    .optional(),
);

export const SUBGRAPH_NAMES = ['customer', 'hubspot', 'shopify', 'klaviyo', 'meta-ads', 'google-ads'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const VENDORS = ['hubspot', 'shopify', 'klaviyo', 'meta', 'google-ads'] as const;
export type Vendor = (typeof VENDORS)[number];

const EnvSchema = z.object({
  HUB_MODE: z.enum(['embedded', 'production']).default('embedded'),
  HUB_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: optionalString.pipe(url.optional()),
  REDIS_KEY_PREFIX: z.string().default('hub:'),

  GATEWAY_PORT: port(4000),
  SUPERGRAPH_PATH: optionalString,
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  GATEWAY_CLIENTS_FILE: optionalString,
  GATEWAY_CLIENT_KEYS: optionalString,
  GATEWAY_JWKS_URL: optionalString.pipe(url.optional()),
  GATEWAY_JWT_ISSUER: optionalString,
  GATEWAY_JWT_AUDIENCE: optionalString,
  GATEWAY_JWT_SCOPES_CLAIM: z.string().default('scope'),
  GATEWAY_JWT_CLIENT_CLAIM: z.string().default('client_id'),
  GATEWAY_PERSISTED_STORE: z.enum(['file', 'redis']).default('file'),
  GATEWAY_PERSISTED_DIR: optionalString,
  GATEWAY_MAX_DEPTH: z.coerce.number().int().positive().default(12),
  GATEWAY_MAX_ALIASES: z.coerce.number().int().positive().default(30),
  GATEWAY_MAX_TOKENS: z.coerce.number().int().positive().default(3000),
  GATEWAY_MAX_DIRECTIVES: z.coerce.number().int().positive().default(30),
  GATEWAY_MAX_COST: z.coerce.number().int().positive().default(500),
  GATEWAY_MAX_BODY_BYTES: z.coerce.number().int().positive().default(64 * 1024),
  GATEWAY_RESPONSE_CACHE_MAX_TTL_SECONDS: z.coerce.number().int().min(0).default(60),
  GATEWAY_IDE: z.enum(['on', 'off']).default('on'),
  HUB_UPSTREAM_SECRET: optionalString,
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(url.optional()),

  CUSTOMER_SUBGRAPH_PORT: port(4001),
  HUBSPOT_SUBGRAPH_PORT: port(4002),
  SHOPIFY_SUBGRAPH_PORT: port(4003),
  KLAVIYO_SUBGRAPH_PORT: port(4004),
  META_ADS_SUBGRAPH_PORT: port(4005),
  GOOGLE_ADS_SUBGRAPH_PORT: port(4006),
  CUSTOMER_SUBGRAPH_URL: optionalString.pipe(url.optional()),
  HUBSPOT_SUBGRAPH_URL: optionalString.pipe(url.optional()),
  SHOPIFY_SUBGRAPH_URL: optionalString.pipe(url.optional()),
  KLAVIYO_SUBGRAPH_URL: optionalString.pipe(url.optional()),
  META_ADS_SUBGRAPH_URL: optionalString.pipe(url.optional()),
  GOOGLE_ADS_SUBGRAPH_URL: optionalString.pipe(url.optional()),

  /** Region phones without a country code are read in (ISO 3166 alpha-2). */
  HUB_DEFAULT_PHONE_REGION: z
    .string()
    .default('US')
    .transform((v) => v.trim().toUpperCase())
    .refine((v) => isSupportedCountry(v), 'expected a supported ISO 3166 alpha-2 region such as US or GB'),
  /** Comma-separated values never used to match identities, added to the built-in list (`*` is a wildcard). */
  HUB_IDENTITY_BLOCKED_VALUES: optionalString,

  INGEST_PORT: port(4010),
  /** Retention bound of the timeline: the newest this many events are kept per customer. */
  TIMELINE_MAX_EVENTS_PER_CUSTOMER: z.coerce.number().int().positive().default(10_000),
  INGEST_PUBLIC_URL: optionalString.pipe(url.optional()),
  INGEST_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  /** Between runs of the ad-exposure feed (ingest/exposure); 0 turns it off. Default: daily. */
  INGEST_EXPOSURE_INTERVAL_MS: z.coerce.number().int().min(0).default(86_400_000),
  /** Days the feed's first run after a start estimates (yesterday and before); later runs: yesterday. */
  INGEST_EXPOSURE_FIRST_RUN_DAYS: z.coerce.number().int().min(1).max(30).default(7),
  INGEST_STARTUP_BACKFILL: z.enum(['full', 'identities', 'off']).default('full'),
  INGEST_STARTUP_BUDGET_MS: z.coerce.number().int().positive().default(5000),
  INGEST_ADMIN_TOKEN: optionalString,
  INGEST_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  INGEST_QUEUE_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  INGEST_QUEUE_BACKOFF_MS: z.coerce.number().int().positive().default(500),
  INGEST_QUEUE_LOCK_MS: z.coerce.number().int().positive().default(30_000),

  SANDBOXES: z.enum(['auto', 'on', 'off']).default('auto'),
  SANDBOX_SEED: z.coerce.number().int().default(42),
  SANDBOX_PEOPLE: z.coerce.number().int().min(1).max(200_000).default(40),
  /** Where the demo world's history ends (ISO instant); unset: when the sandboxes start. */
  SANDBOX_WORLD_NOW: optionalString.pipe(z.string().datetime({ offset: true }).optional()),
  SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  SANDBOX_THROTTLING: z.enum(['on', 'off']).default('on'),
  /** Share of vendor API calls each sandbox answers with its vendor's 5xx, in [0, 1]. */
  SANDBOX_ERROR_RATE: z.coerce.number().min(0).max(1).default(0),
  /** Comma list of vendors whose sandbox starts down (answers every call as the vendor does in an outage). */
  SANDBOX_OUTAGE: optionalString.pipe(
    z
      .string()
      .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
      .pipe(z.array(z.enum(VENDORS)))
      .optional(),
  ),
  HUBSPOT_SANDBOX_PORT: port(4101),
  SHOPIFY_SANDBOX_PORT: port(4102),
  KLAVIYO_SANDBOX_PORT: port(4103),
  META_SANDBOX_PORT: port(4104),
  GOOGLE_ADS_SANDBOX_PORT: port(4105),

  VENDOR_TIMEOUT_MS: z.coerce.number().int().positive().default(4000),
  /** Consent/erasure write-back outbox: tries per vendor before a dead letter, and the backoff between them. */
  CONSENT_OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().positive().default(40),
  CONSENT_OUTBOX_BACKOFF_MS: z.coerce.number().int().positive().default(1000),
  CONSENT_OUTBOX_MAX_BACKOFF_MS: z.coerce.number().int().positive().default(600_000),
  /** Per-vendor overrides of VENDOR_TIMEOUT_MS (a vendor known to be slow gets a longer bound). */
  HUBSPOT_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  SHOPIFY_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  KLAVIYO_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  META_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  GOOGLE_ADS_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  HUBSPOT_RATE_LIMIT: rateLimit,
  SHOPIFY_RATE_LIMIT: rateLimit,
  KLAVIYO_RATE_LIMIT: rateLimit,
  META_RATE_LIMIT: rateLimit,
  GOOGLE_ADS_RATE_LIMIT: rateLimit,

  HUBSPOT_ACCESS_TOKEN: optionalString,
  HUBSPOT_BASE_URL: optionalString.pipe(url.optional()),
  HUBSPOT_CLIENT_SECRET: optionalString,
  /** `v3`: the legacy /crm/v3 and /crm/v4 paths (until Sep 2027); `2026-09`: the date-based release. */
  HUBSPOT_API_VERSION: z.enum(['v3', '2026-09']).default('v3'),

  SHOPIFY_ACCESS_TOKEN: optionalString,
  SHOPIFY_SHOP_DOMAIN: optionalString,
  SHOPIFY_BASE_URL: optionalString.pipe(url.optional()),
  SHOPIFY_API_VERSION: z.string().default('2026-10'),
  SHOPIFY_CLIENT_SECRET: optionalString,

  KLAVIYO_API_KEY: optionalString,
  KLAVIYO_BASE_URL: optionalString.pipe(url.optional()),
  KLAVIYO_REVISION: z.string().default('2026-07-15'),
  KLAVIYO_WEBHOOK_SECRET: optionalString,

  META_ACCESS_TOKEN: optionalString,
  META_BASE_URL: optionalString.pipe(url.optional()),
  META_API_VERSION: z.string().regex(/^v\d+\.\d+$/).default('v26.0'),
  META_AD_ACCOUNT_ID: optionalString,
  META_PAGE_ID: optionalString,
  META_APP_SECRET: optionalString,
  META_VERIFY_TOKEN: optionalString,

  GOOGLE_ADS_ACCESS_TOKEN: optionalString,
  GOOGLE_ADS_BASE_URL: optionalString.pipe(url.optional()),
  GOOGLE_ADS_API_VERSION: z.string().regex(/^v\d+$/).default('v26'),
  GOOGLE_ADS_CUSTOMER_ID: optionalString,
  GOOGLE_ADS_LOGIN_CUSTOMER_ID: optionalString,
}).extend(FrequencyEnvSchema.shape);

type Env = z.infer<typeof EnvSchema>;

export interface ServiceAddress {
  port: number;
  /** Where other services reach it; for subgraphs this is the GraphQL endpoint. */
  url: string;
}

/** How ingest runs: webhook limits, the queue's retry policy, the sync scheduler, the start-up backfill. */
export interface IngestSettings {
  /** `INGEST_PUBLIC_URL` as given: the origin vendors call (HubSpot signs it); unset means the request's own Host. */
  publicUrl: string | undefined;
  /** Between incremental syncs of each vendor; 0 turns the scheduler off. */
  syncIntervalMs: number;
  /** Between runs of the estimated ad-exposure feed; 0 turns it off. */
  exposureIntervalMs: number;
  /** Days back (from yesterday) the feed's first run after a start estimates. */
  exposureFirstRunDays: number;
  /** At start: `full` applies every vendor's records (timeline included), `identities` only resolves people. */
  startupBackfill: 'full' | 'identities' | 'off';
  /** How long a `full` start-up backfill may hold the start; the scheduler reads on from there. */
  startupBudgetMs: number;
  /** Guards `/admin/*`; unset leaves them to loopback callers in embedded mode and closed in production. */
  adminToken: string | undefined;
  maxBodyBytes: number;
  queue: { maxAttempts: number; backoffMs: number; lockMs: number };
}

export interface VendorConnection {
  /** `sandbox` when the connector talks to the local emulator, `live` for the real vendor. */
  target: 'sandbox' | 'live';
  baseUrl: string;
  /** The credential the vendor expects (token, API key); never logged. */
  credential: string;
  /** The secret that signs this vendor's webhooks; undefined where the vendor has none. */
  webhookSecret: string | undefined;
}

export type HubSpotConnection = VendorConnection & { apiVersion: 'v3' | '2026-09' };

export interface HubConfig {
  mode: 'embedded' | 'production';
  host: string;
  logLevel: Env['LOG_LEVEL'];
  redis: { url: string; keyPrefix: string } | undefined;
  /** `supergraphPath` undefined means the supergraph.graphql shipped beside the code. */
  gateway: {
    port: number;
    supergraphPath: string | undefined;
    subgraphTimeoutMs: number;
    clients: GatewayClientConfig[];
    /** Bearer tokens are accepted only when a JWKS is configured. */
    jwt: { jwksUrl: string; issuer: string | undefined; audience: string | undefined; scopesClaim: string; clientClaim: string } | undefined;
    /** Where persisted-operation manifests live; `dir` undefined means the `persisted/` folder shipped beside the code. */
    persisted: { store: 'file' | 'redis'; dir: string | undefined };
    limits: {
      maxDepth: number;
      maxAliases: number;
      maxTokens: number;
      maxDirectives: number;
      maxCost: number;
      maxBodyBytes: number;
    };
    /** Upper bound of a cached response's life; 0 turns the response cache off. */
    responseCacheMaxTtlSeconds: number;
    ide: boolean;
  };
  /**
   * Signs gateway→subgraph calls (HMAC). Embedded mode without `HUB_UPSTREAM_SECRET` draws a fresh
   * one per process, which is enough when everything runs in one process; split deployments must
   * share one through the environment.
   */
  upstreamSecret: string;
  /** OTLP/HTTP traces endpoint; undefined keeps tracing off. */
  otlpEndpoint: string | undefined;
  subgraphs: Record<SubgraphName, ServiceAddress>;
  /** Identity resolution settings; the profile adds them to its built-in rules. */
  identity: { defaultPhoneRegion: string; extraBlockedValues: string[] };
  ingest: ServiceAddress & IngestSettings;
  timeline: { maxEventsPerCustomer: number };
  sandboxes: {
    /** Which vendor sandboxes this process starts. */
    start: Record<Vendor, boolean>;
    seed: number;
    people: number;
    /**
     * Where the demo world ends; undefined: when the sandboxes start (everything on the wall clock).
     * Pinned, the Google Ads sandbox and connector run on a clock starting there (config/sandbox-clock.ts).
     */
    worldNow: string | undefined;
    latencyMs: number;
    /** Whether the sandboxes enforce their vendor's rate limits. */
    throttling: boolean;
    /** Share of vendor API calls answered with the vendor's 5xx, in [0, 1]. */
    errorRate: number;
    /** Vendors whose sandbox starts in an outage. */
    outage: Vendor[];
    ports: Record<Vendor, number>;
  };
  /** The default bound of one vendor call (VENDOR_TIMEOUT_MS). */
  vendorTimeoutMs: number;
  /** The write-back outbox's retry policy (some five hours of tries at the defaults: an opt-out must outlast an outage). */
  consentOutbox: { maxAttempts: number; backoffMs: number; maxBackoffMs: number };
  /** Each vendor's bound: its own `<VENDOR>_TIMEOUT_MS`, else `vendorTimeoutMs`. */
  vendorTimeouts: Record<Vendor, number>;
  /** Overrides of each vendor's default request budget (the account's plan may allow more). */
  vendorRateLimits: Partial<Record<Vendor, { points: number; durationMs: number }>>;
  hubspot: HubSpotConnection;
  shopify: VendorConnection & { apiVersion: string };
  klaviyo: VendorConnection & { revision: string };
  meta: VendorConnection & { apiVersion: string; adAccountId: string; pageId: string; verifyToken: string };
  googleAds: VendorConnection & { apiVersion: string; customerId: string; loginCustomerId: string | undefined };
  /** Frequency caps, quiet hours and reservation lifetime (config/frequency-settings.ts). */
  frequency: FrequencySettings;
}

const SUBGRAPH_ENV: Record<SubgraphName, { port: keyof Env; url: keyof Env }> = {
  customer: { port: 'CUSTOMER_SUBGRAPH_PORT', url: 'CUSTOMER_SUBGRAPH_URL' },
  hubspot: { port: 'HUBSPOT_SUBGRAPH_PORT', url: 'HUBSPOT_SUBGRAPH_URL' },
  shopify: { port: 'SHOPIFY_SUBGRAPH_PORT', url: 'SHOPIFY_SUBGRAPH_URL' },
  klaviyo: { port: 'KLAVIYO_SUBGRAPH_PORT', url: 'KLAVIYO_SUBGRAPH_URL' },
  'meta-ads': { port: 'META_ADS_SUBGRAPH_PORT', url: 'META_ADS_SUBGRAPH_URL' },
  'google-ads': { port: 'GOOGLE_ADS_SUBGRAPH_PORT', url: 'GOOGLE_ADS_SUBGRAPH_URL' },
};

/** Parses the environment once; every problem is reported together, then it throws. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): HubConfig {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = parsed.data;
  const problems: string[] = [];
  const local = (p: number, path = '') => `http://${env.HUB_HOST}:${p}${path}`;

  const subgraphs = Object.fromEntries(
    Object.entries(SUBGRAPH_ENV).map(([name, keys]) => {
      const p = env[keys.port] as number;
      return [name, { port: p, url: (env[keys.url] as string | undefined) ?? local(p, '/graphql') }];
    }),
  ) as Record<SubgraphName, ServiceAddress>;

  const sandboxPorts: Record<Vendor, number> = {
    hubspot: env.HUBSPOT_SANDBOX_PORT,
    shopify: env.SHOPIFY_SANDBOX_PORT,
    klaviyo: env.KLAVIYO_SANDBOX_PORT,
    meta: env.META_SANDBOX_PORT,
    'google-ads': env.GOOGLE_ADS_SANDBOX_PORT,
  };
  const live: Record<Vendor, boolean> = {
    hubspot: env.HUBSPOT_ACCESS_TOKEN !== undefined,
    shopify: env.SHOPIFY_ACCESS_TOKEN !== undefined,
    klaviyo: env.KLAVIYO_API_KEY !== undefined,
    meta: env.META_ACCESS_TOKEN !== undefined,
    'google-ads': env.GOOGLE_ADS_ACCESS_TOKEN !== undefined,
  };
  if (live.shopify && !env.SHOPIFY_SHOP_DOMAIN && !env.SHOPIFY_BASE_URL) {
    problems.push('SHOPIFY_SHOP_DOMAIN: required with SHOPIFY_ACCESS_TOKEN');
  }
  if (live.meta && !env.META_AD_ACCOUNT_ID) problems.push('META_AD_ACCOUNT_ID: required with META_ACCESS_TOKEN');
  if (live.meta && !env.META_PAGE_ID) problems.push('META_PAGE_ID: required with META_ACCESS_TOKEN');
  if (live['google-ads'] && !env.GOOGLE_ADS_CUSTOMER_ID) {
    problems.push('GOOGLE_ADS_CUSTOMER_ID: required with GOOGLE_ADS_ACCESS_TOKEN');
  }
  if (env.HUB_MODE === 'production') {
    if (!env.REDIS_URL) problems.push('REDIS_URL: required in production mode');
    for (const vendor of Object.keys(live) as Vendor[]) {
      if (!live[vendor] && env.SANDBOXES !== 'on') {
        problems.push(`${vendor}: production mode needs real credentials (or SANDBOXES=on for a staging hub)`);
      }
    }
  }
  if (env.HUB_MODE === 'production' && (env.HUB_UPSTREAM_SECRET ?? '').length < 32) {
    problems.push('HUB_UPSTREAM_SECRET: production mode needs a shared secret of at least 32 characters');
  }
  if (env.GATEWAY_PERSISTED_STORE === 'redis' && !env.REDIS_URL) {
    problems.push('GATEWAY_PERSISTED_STORE: "redis" needs REDIS_URL');
  }
  const clients = loadGatewayClients(
    { file: env.GATEWAY_CLIENTS_FILE, keyList: env.GATEWAY_CLIENT_KEYS, mode: env.HUB_MODE, host: env.HUB_HOST },
    problems,
  );
  const frequency = frequencySettingsFrom(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const sandboxUrl = (vendor: Vendor) => local(sandboxPorts[vendor]);
  const startSandbox = (vendor: Vendor) =>
    env.SANDBOXES === 'on' || (env.SANDBOXES === 'auto' && env.HUB_MODE === 'embedded' && !live[vendor]);
  const target = (vendor: Vendor): VendorConnection['target'] => (live[vendor] ? 'live' : 'sandbox');

  return {
    mode: env.HUB_MODE,
    host: env.HUB_HOST,
    logLevel: env.LOG_LEVEL,
    redis: env.REDIS_URL ? { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX } : undefined,
    gateway: {
      port: env.GATEWAY_PORT,
      supergraphPath: env.SUPERGRAPH_PATH,
      subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      clients,
      jwt: env.GATEWAY_JWKS_URL
        ? {
            jwksUrl: env.GATEWAY_JWKS_URL,
            issuer: env.GATEWAY_JWT_ISSUER,
            audience: env.GATEWAY_JWT_AUDIENCE,
            scopesClaim: env.GATEWAY_JWT_SCOPES_CLAIM,
            clientClaim: env.GATEWAY_JWT_CLIENT_CLAIM,
          }
        : undefined,
      persisted: { store: env.GATEWAY_PERSISTED_STORE, dir: env.GATEWAY_PERSISTED_DIR },
      limits: {
        maxDepth: env.GATEWAY_MAX_DEPTH,
        maxAliases: env.GATEWAY_MAX_ALIASES,
        maxTokens: env.GATEWAY_MAX_TOKENS,
        maxDirectives: env.GATEWAY_MAX_DIRECTIVES,
        maxCost: env.GATEWAY_MAX_COST,
        maxBodyBytes: env.GATEWAY_MAX_BODY_BYTES,
      },
      responseCacheMaxTtlSeconds: env.GATEWAY_RESPONSE_CACHE_MAX_TTL_SECONDS,
      ide: env.GATEWAY_IDE === 'on',
    },
    upstreamSecret: env.HUB_UPSTREAM_SECRET ?? randomBytes(32).toString('base64url'),
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    subgraphs,
    identity: {
      defaultPhoneRegion: env.HUB_DEFAULT_PHONE_REGION,
      extraBlockedValues: (env.HUB_IDENTITY_BLOCKED_VALUES ?? '').split(',').map((v) => v.trim()).filter(Boolean),
    },
    ingest: {
      port: env.INGEST_PORT,
      url: env.INGEST_PUBLIC_URL ?? local(env.INGEST_PORT),
      publicUrl: env.INGEST_PUBLIC_URL,
      syncIntervalMs: env.INGEST_SYNC_INTERVAL_MS,
      exposureIntervalMs: env.INGEST_EXPOSURE_INTERVAL_MS,
      exposureFirstRunDays: env.INGEST_EXPOSURE_FIRST_RUN_DAYS,
      startupBackfill: env.INGEST_STARTUP_BACKFILL,
      startupBudgetMs: env.INGEST_STARTUP_BUDGET_MS,
      adminToken: env.INGEST_ADMIN_TOKEN,
      maxBodyBytes: env.INGEST_MAX_BODY_BYTES,
      queue: { maxAttempts: env.INGEST_QUEUE_MAX_ATTEMPTS, backoffMs: env.INGEST_QUEUE_BACKOFF_MS, lockMs: env.INGEST_QUEUE_LOCK_MS },
    },
    timeline: { maxEventsPerCustomer: env.TIMELINE_MAX_EVENTS_PER_CUSTOMER },
    sandboxes: {
      start: Object.fromEntries(VENDORS.map((v) => [v, startSandbox(v)])) as Record<Vendor, boolean>,
      seed: env.SANDBOX_SEED,
      people: env.SANDBOX_PEOPLE,
      worldNow: env.SANDBOX_WORLD_NOW === undefined ? undefined : new Date(env.SANDBOX_WORLD_NOW).toISOString(),
      latencyMs: env.SANDBOX_LATENCY_MS,
      throttling: env.SANDBOX_THROTTLING === 'on',
      errorRate: env.SANDBOX_ERROR_RATE,
      outage: env.SANDBOX_OUTAGE ?? [],
      ports: sandboxPorts,
    },
    vendorTimeoutMs: env.VENDOR_TIMEOUT_MS,
    consentOutbox: { maxAttempts: env.CONSENT_OUTBOX_MAX_ATTEMPTS, backoffMs: env.CONSENT_OUTBOX_BACKOFF_MS, maxBackoffMs: env.CONSENT_OUTBOX_MAX_BACKOFF_MS },
    vendorTimeouts: {
      hubspot: env.HUBSPOT_TIMEOUT_MS ?? env.VENDOR_TIMEOUT_MS,
      shopify: env.SHOPIFY_TIMEOUT_MS ?? env.VENDOR_TIMEOUT_MS,
      klaviyo: env.KLAVIYO_TIMEOUT_MS ?? env.VENDOR_TIMEOUT_MS,
      meta: env.META_TIMEOUT_MS ?? env.VENDOR_TIMEOUT_MS,
      'google-ads': env.GOOGLE_ADS_TIMEOUT_MS ?? env.VENDOR_TIMEOUT_MS,
    },
    vendorRateLimits: Object.fromEntries(
      (
        [
          ['hubspot', env.HUBSPOT_RATE_LIMIT],
          ['shopify', env.SHOPIFY_RATE_LIMIT],
          ['klaviyo', env.KLAVIYO_RATE_LIMIT],
          ['meta', env.META_RATE_LIMIT],
          ['google-ads', env.GOOGLE_ADS_RATE_LIMIT],
        ] as const
      ).filter(([, limit]) => limit !== undefined),
    ),
    hubspot: {
      target: target('hubspot'),
      baseUrl: env.HUBSPOT_BASE_URL ?? (live.hubspot ? 'https://api.hubapi.com' : sandboxUrl('hubspot')),
      credential: env.HUBSPOT_ACCESS_TOKEN ?? SANDBOX_CREDENTIALS.hubspot.token,
      webhookSecret: env.HUBSPOT_CLIENT_SECRET ?? (live.hubspot ? undefined : SANDBOX_CREDENTIALS.hubspot.webhookSecret),
      apiVersion: env.HUBSPOT_API_VERSION,
    },
    shopify: {
      target: target('shopify'),
      baseUrl:
        env.SHOPIFY_BASE_URL ??
        (env.SHOPIFY_SHOP_DOMAIN ? `https://${env.SHOPIFY_SHOP_DOMAIN}` : sandboxUrl('shopify')),
      credential: env.SHOPIFY_ACCESS_TOKEN ?? SANDBOX_CREDENTIALS.shopify.token,
      webhookSecret: env.SHOPIFY_CLIENT_SECRET ?? (live.shopify ? undefined : SANDBOX_CREDENTIALS.shopify.webhookSecret),
      apiVersion: env.SHOPIFY_API_VERSION,
    },
    klaviyo: {
      target: target('klaviyo'),
      baseUrl: env.KLAVIYO_BASE_URL ?? (live.klaviyo ? 'https://a.klaviyo.com' : sandboxUrl('klaviyo')),
      credential: env.KLAVIYO_API_KEY ?? SANDBOX_CREDENTIALS.klaviyo.token,
      webhookSecret: env.KLAVIYO_WEBHOOK_SECRET ?? (live.klaviyo ? undefined : SANDBOX_CREDENTIALS.klaviyo.webhookSecret),
      revision: env.KLAVIYO_REVISION,
    },
    meta: {
      target: target('meta'),
      baseUrl: env.META_BASE_URL ?? (live.meta ? 'https://graph.facebook.com' : sandboxUrl('meta')),
      credential: env.META_ACCESS_TOKEN ?? SANDBOX_CREDENTIALS.meta.token,
      webhookSecret: env.META_APP_SECRET ?? (live.meta ? undefined : SANDBOX_CREDENTIALS.meta.webhookSecret),
      apiVersion: env.META_API_VERSION,
      adAccountId: env.META_AD_ACCOUNT_ID ?? SANDBOX_CREDENTIALS.meta.adAccountId,
      pageId: env.META_PAGE_ID ?? SANDBOX_CREDENTIALS.meta.pageId,
      verifyToken: env.META_VERIFY_TOKEN ?? SANDBOX_CREDENTIALS.meta.verifyToken,
    },
    googleAds: {
      target: target('google-ads'),
      baseUrl:
        env.GOOGLE_ADS_BASE_URL ?? (live['google-ads'] ? 'https://googleads.googleapis.com' : sandboxUrl('google-ads')),
      credential: env.GOOGLE_ADS_ACCESS_TOKEN ?? SANDBOX_CREDENTIALS.googleAds.token,
      webhookSecret: undefined,
      apiVersion: env.GOOGLE_ADS_API_VERSION,
      customerId: (env.GOOGLE_ADS_CUSTOMER_ID ?? SANDBOX_CREDENTIALS.googleAds.customerId).replaceAll('-', ''),
      loginCustomerId: env.GOOGLE_ADS_LOGIN_CUSTOMER_ID?.replaceAll('-', ''),
    },
    frequency,
  };
}
