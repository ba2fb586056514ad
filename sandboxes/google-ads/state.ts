/**
 * The Google Ads account the sandbox serves, built from the demo world: its campaigns, the
 * people's ad clicks (indexed by day and by gclid), conversion actions, and what the hub writes
 * to it (Customer Match lists and their jobs, uploaded conversions). Daily traffic (impressions,
 * anonymous clicks, spend) is generated on demand from the account's own seeded forks, so any
 * day is cheap to ask for and a 100,000-person world loads in the time it takes to index clicks.
 */
import { createHash } from 'node:crypto';
import { createRandom } from '../demo-world/random.js';
import type { DemoWorld } from '../demo-world/world.js';
import { addDays, toDate } from './gaql-dates.js';

export type ConsentStatus = 'UNSPECIFIED' | 'UNKNOWN' | 'GRANTED' | 'DENIED';
export interface Consent {
  adUserData?: ConsentStatus;
  adPersonalization?: ConsentStatus;
}

export interface SandboxCampaign {
  id: string;
  name: string;
  channel: 'SEARCH' | 'DISPLAY' | 'VIDEO';
  adGroupId: string;
  /** First day the campaign served. */
  startDate: string;
}

export interface SandboxClick {
  gclid: string;
  campaignId: string;
  adGroupId: string;
  clickedAt: string;
  date: string;
}

/** One uploaded user: the hashed identifiers of one `create` operation, and their consent. */
export interface ListMember {
  hashes: string[];
  consent: Consent;
  /** Whether any identifier matched a Google account (a demo-world person). */
  matched: boolean;
  addedAt: string;
}

export interface SandboxUserList {
  id: string;
  name: string;
  description: string;
  type: 'CRM_BASED' | 'RULE_BASED';
  membershipLifeSpan: number;
  uploadKeyType: string | undefined;
  dataSourceType: string | undefined;
  members: ListMember[];
}

export type JobStatus = 'PENDING' | 'RUNNING' | 'SUCCESS' | 'FAILED';

export interface SandboxJob {
  id: string;
  userListId: string;
  consent: Consent | undefined;
  status: JobStatus;
  /** A job either adds or removes users; Google refuses mixing them (CONFLICTING_OPERATION). */
  kind: 'create' | 'remove' | undefined;
  removeAll: boolean;
  users: { hashes: string[]; consent: Consent | undefined }[];
  /** How many times the job was read since it started: it finishes after `readsToFinish` polls. */
  readsSinceRun: number;
  readsToFinish: number;
  matchRateRange: string | undefined;
}

export interface SandboxConversionAction {
  id: string;
  name: string;
  type: 'UPLOAD_CLICKS' | 'WEBPAGE';
  status: 'ENABLED';
}

export interface UploadedConversion {
  gclid: string;
  conversionAction: string;
  conversionDateTime: string;
  conversionValue: number | undefined;
  currencyCode: string | undefined;
  orderId: string | undefined;
  campaignId: string;
  clickDate: string;
  jobId: string;
}

export interface CampaignCriterion {
  campaignId: string;
  criterionId: string;
  userListId: string;
}

export interface GoogleAdsState {
  customerId: string;
  /** The manager (MCC) account that manages this one; `login-customer-id` may name it. */
  managerCustomerId: string;
  seed: number;
  /** How much traffic a day carries, relative to the 40-person demo world. */
  scale: number;
  campaigns: SandboxCampaign[];
  /** The demo people's clicks by day, then by gclid. */
  knownClicksByDay: Map<string, SandboxClick[]>;
  clicksByGclid: Map<string, SandboxClick>;
  userLists: Map<string, SandboxUserList>;
  jobs: Map<string, SandboxJob>;
  conversionActions: SandboxConversionAction[];
  conversions: UploadedConversion[];
  /** Uploaded conversions per `{campaignId}:{click date}`, for the metrics. */
  conversionsByClickDay: Map<string, number>;
  criteria: CampaignCriterion[];
  /** When true, every new CRM list is targeted by the Display and Video campaigns (the marketer's remarketing setup). */
  autoTargetNewLists: boolean;
  nextId(kind: 'userList' | 'job' | 'criterion' | 'uploadJob'): string;
  /** SHA-256 hashes of every demo person's normalized email and phone: who Google can match. */
  googleAccountHashes(): ReadonlySet<string>;
  /** Memo of generated daily numbers; see traffic.ts. */
  memo: Map<string, unknown>;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** int64 ids are written without leading zeros (the demo world draws ids as digit strings). */
const canonicalId = (id: string) => BigInt(id).toString();

export interface GoogleAdsStateOptions {
  customerId: string;
  managerCustomerId?: string;
  autoTargetNewLists?: boolean;
}

export function buildGoogleAdsState(world: DemoWorld, options: GoogleAdsStateOptions | string): GoogleAdsState {
  const opts = typeof options === 'string' ? { customerId: options } : options;
  const random = createRandom(world.seed).fork('google-ads:account');
  const startDate = addDays(toDate(Date.parse(world.now)), -731);
  const campaigns: SandboxCampaign[] = world.campaigns.google.map((c) => ({
    id: canonicalId(c.campaignId),
    name: c.name,
    channel: c.channel,
    adGroupId: canonicalId(c.adGroupId),
    startDate,
  }));

  const knownClicksByDay = new Map<string, SandboxClick[]>();
  const clicksByGclid = new Map<string, SandboxClick>();
  for (const person of world.people) {
    for (const click of person.googleAds?.clicks ?? []) {
      const entry: SandboxClick = {
        ...click,
        campaignId: canonicalId(click.campaignId),
        adGroupId: canonicalId(click.adGroupId),
        date: click.clickedAt.slice(0, 10),
      };
      clicksByGclid.set(click.gclid, entry);
      const day = knownClicksByDay.get(entry.date);
      if (day) day.push(entry);
      else knownClicksByDay.set(entry.date, [entry]);
    }
  }

  const counters = { userList: 9_100_000_000, job: 8_800_000_000, criterion: 4_200_000_000, uploadJob: 7_000_000 };
  const visitors: SandboxUserList = {
    id: String(++counters.userList),
    name: 'Website visitors (30 days)',
    description: 'All visitors of the storefront in the last 30 days.',
    type: 'RULE_BASED',
    membershipLifeSpan: 30,
    uploadKeyType: undefined,
    dataSourceType: undefined,
    members: [],
  };
  const criteria = campaigns
    .filter((c) => c.channel !== 'SEARCH')
    .map((c) => ({ campaignId: c.id, criterionId: String(++counters.criterion), userListId: visitors.id }));

  let hashes: Set<string> | undefined;
  return {
    customerId: opts.customerId,
    managerCustomerId: opts.managerCustomerId ?? '1112223334',
    seed: world.seed,
    scale: 1 + world.people.length / 2000,
    campaigns,
    knownClicksByDay,
    clicksByGclid,
    userLists: new Map([[visitors.id, visitors]]),
    jobs: new Map(),
    conversionActions: [
      { id: canonicalId(`1${random.chars('0123456789', 8)}`), name: 'Offline purchase', type: 'UPLOAD_CLICKS', status: 'ENABLED' },
      { id: canonicalId(`1${random.chars('0123456789', 8)}`), name: 'Qualified lead', type: 'UPLOAD_CLICKS', status: 'ENABLED' },
      { id: canonicalId(`1${random.chars('0123456789', 8)}`), name: 'Website purchase (tag)', type: 'WEBPAGE', status: 'ENABLED' },
    ],
    conversions: [],
    conversionsByClickDay: new Map(),
    criteria,
    autoTargetNewLists: opts.autoTargetNewLists ?? true,
    nextId: (kind) => String(++counters[kind]),
    googleAccountHashes: () => {
      // Built on first use: a 100,000-person world costs its 200,000 hashes only when a job runs.
      hashes ??= new Set(world.people.flatMap((p) => [sha256(p.email.trim().toLowerCase()), sha256(p.phone)]));
      return hashes;
    },
    memo: new Map(),
  };
}
