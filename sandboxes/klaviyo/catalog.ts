/**
 * The account-level records of the sandbox's Klaviyo account: metrics (with the integration that
 * owns each), lists, segments and the campaigns its history was sent from. Ids come from the
 * `klaviyo:catalog` fork, so they are the same for the same seed and never shift other data.
 */
import { createRandom, type Random } from '../demo-world/random.js';
import { klaviyoTime, profileId, shortId } from './format.js';

export interface KlaviyoIntegration {
  object: 'integration';
  id: string;
  key: string;
  name: string;
  category: string;
}

export const METRIC_NAMES = [
  'Received Email',
  'Opened Email',
  'Clicked Email',
  'Bounced Email',
  'Received SMS',
  /** Inbound: the person texted the brand's number (a keyword such as JOIN), not an outbound send. */
  'Sent SMS',
  'Subscribed to Email Marketing',
  'Unsubscribed from Email Marketing',
  'Subscribed to SMS Marketing',
  'Unsubscribed from SMS Marketing',
  'Placed Order',
  'Started Checkout',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export interface KlaviyoMetric {
  id: string;
  name: MetricName;
  created: string;
  updated: string;
  integration: KlaviyoIntegration;
}

export interface KlaviyoList {
  id: string;
  name: string;
  optInProcess: 'double_opt_in' | 'single_opt_in';
  created: string;
  updated: string;
}

/** Which people a segment holds is computed from the state (see segments.ts). */
export type SegmentRule = 'engaged-90-days' | 'repeat-buyers' | 'churn-risk' | 'abandoned-checkout';

export interface KlaviyoSegment {
  id: string;
  name: string;
  rule: SegmentRule;
  created: string;
  updated: string;
}

export interface KlaviyoCampaign {
  id: string;
  messageId: string;
  channel: 'email' | 'sms';
  name: string;
  subject: string;
  sentAt: number;
}

export interface KlaviyoCatalog {
  accountId: string;
  webhookId: string;
  integrations: { klaviyo: KlaviyoIntegration; shopify: KlaviyoIntegration };
  metrics: KlaviyoMetric[];
  metricByName: Map<MetricName, KlaviyoMetric>;
  lists: { newsletter: KlaviyoList; sms: KlaviyoList; vip: KlaviyoList };
  segments: KlaviyoSegment[];
  campaigns: KlaviyoCampaign[];
}

const DAY_MS = 86_400_000;
const EMAIL_THEMES = ['New arrivals', 'Weekend sale', 'Care guide', 'Back in stock', 'Members preview', 'Gift ideas'];
const SMS_THEMES = ['Flash sale', 'Early access', 'Last call'];

export function buildCatalog(seed: number, now: number): KlaviyoCatalog {
  const random = createRandom(seed).fork('klaviyo:catalog');
  const since = now - 720 * DAY_MS;
  const integration = (key: string, name: string, category: string): KlaviyoIntegration => ({
    object: 'integration',
    id: shortId(random),
    key,
    name,
    category,
  });
  const integrations = { klaviyo: integration('klaviyo', 'Klaviyo', 'Internal'), shopify: integration('shopify', 'Shopify', 'eCommerce') };
  const metrics = METRIC_NAMES.map((name) => ({
    id: shortId(random),
    name,
    created: klaviyoTime(since),
    updated: klaviyoTime(since),
    integration: name === 'Placed Order' || name === 'Started Checkout' ? integrations.shopify : integrations.klaviyo,
  }));
  const list = (name: string, optInProcess: KlaviyoList['optInProcess']): KlaviyoList => ({
    id: shortId(random),
    name,
    optInProcess,
    created: klaviyoTime(since),
    updated: klaviyoTime(since),
  });
  const segment = (name: string, rule: SegmentRule): KlaviyoSegment => ({
    id: shortId(random),
    name,
    rule,
    created: klaviyoTime(since),
    updated: klaviyoTime(since),
  });
  return {
    accountId: shortId(random),
    webhookId: profileId(random),
    integrations,
    metrics,
    metricByName: new Map(metrics.map((m) => [m.name, m])),
    lists: {
      newsletter: list('Newsletter', 'double_opt_in'),
      sms: list('SMS Subscribers', 'single_opt_in'),
      vip: list('VIP Customers', 'single_opt_in'),
    },
    segments: [
      segment('Engaged (last 90 days)', 'engaged-90-days'),
      segment('Repeat buyers', 'repeat-buyers'),
      segment('At risk of churning', 'churn-risk'),
      segment('Abandoned checkout', 'abandoned-checkout'),
    ],
    campaigns: [...campaigns(random, 'email', EMAIL_THEMES, now, 21), ...campaigns(random, 'sms', SMS_THEMES, now, 30)],
  };
}

/** One campaign every `everyDays` over the last year, oldest first. */
function campaigns(random: Random, channel: 'email' | 'sms', themes: string[], now: number, everyDays: number): KlaviyoCampaign[] {
  const out: KlaviyoCampaign[] = [];
  for (let at = now - 365 * DAY_MS + random.int(0, everyDays) * DAY_MS; at < now - DAY_MS; at += everyDays * DAY_MS) {
    const theme = random.pick(themes);
    const sentAt = at + random.int(14, 18) * 3_600_000;
    const date = new Date(sentAt).toISOString().slice(0, 10);
    out.push({
      id: profileId(random),
      messageId: profileId(random),
      channel,
      name: `${theme} ${date}`,
      subject: channel === 'email' ? `${theme}: picked for you` : `${theme}! Reply STOP to opt out`,
      sentAt,
    });
  }
  return out;
}
