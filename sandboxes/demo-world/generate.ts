/**
 * Generates the demo world from a seed. The same seed and size always yield the same world.
 * Sizes run from tens of people (the default for `npm start`) to 100,000 (benchmarks).
 */
import { AREA_CODES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, TIME_ZONES } from './names.js';
import { createRandom, type Random } from './random.js';
import type {
  DemoCampaigns,
  DemoCheckout,
  DemoClick,
  DemoConsent,
  DemoLead,
  DemoOrder,
  DemoPerson,
  DemoWorld,
  HubSpotFacet,
} from './world.js';

export interface WorldOptions {
  seed: number;
  people: number;
  /** The instant history ends; fixed so the world does not depend on when it is generated. */
  now?: string;
}

export const DEFAULT_WORLD_NOW = '2026-11-01T00:00:00.000Z';
const DAY_MS = 86_400_000;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const PRODUCTS = [
  { sku: 'TEE-ORG-M', title: 'Organic tee', price: 28 },
  { sku: 'HOOD-GRY-L', title: 'Grey hoodie', price: 64 },
  { sku: 'MUG-CER-01', title: 'Ceramic mug', price: 18 },
  { sku: 'CAP-NVY-01', title: 'Navy cap', price: 24 },
  { sku: 'SOCK-3PK', title: 'Socks, 3 pack', price: 15 },
  { sku: 'BAG-CNV-01', title: 'Canvas tote', price: 32 },
] as const;

export function generateWorld(options: WorldOptions): DemoWorld {
  const now = Date.parse(options.now ?? DEFAULT_WORLD_NOW);
  const root = createRandom(options.seed);
  const campaigns = generateCampaigns(root.fork('campaigns'));
  const people: DemoPerson[] = [];
  for (let index = 0; index < options.people; index++) {
    people.push(generatePerson(root.fork(`person:${index}`), index, now, campaigns));
  }
  return { seed: options.seed, now: new Date(now).toISOString(), people, campaigns };
}

function generateCampaigns(random: Random): DemoCampaigns {
  const digits = (n: number) => random.chars('0123456789', n);
  return {
    meta: ['Autumn prospecting', 'Lead magnet: size guide', 'Retargeting: cart'].map((name) => ({
      campaignId: `2385${digits(11)}`,
      adsetId: `2385${digits(11)}`,
      adId: `2385${digits(11)}`,
      formId: `7${digits(14)}`,
      name,
    })),
    google: [
      { name: 'Brand search', channel: 'SEARCH' as const },
      { name: 'Display remarketing', channel: 'DISPLAY' as const },
      { name: 'YouTube awareness', channel: 'VIDEO' as const },
    ].map((c) => ({ ...c, campaignId: digits(11), adGroupId: digits(11) })),
  };
}

function generatePerson(random: Random, index: number, now: number, campaigns: DemoCampaigns): DemoPerson {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  // The index keeps emails unique however large the world grows.
  const email = `${firstName}.${lastName}${index}@${random.pick(EMAIL_DOMAINS)}`.toLowerCase();
  const phoneDigits = `${random.pick(AREA_CODES)}555${random.chars('0123456789', 4)}`;
  const phone = `+1${phoneDigits}`;
  const createdAt = now - random.int(30, 720) * DAY_MS - random.int(0, DAY_MS);
  const iso = (ms: number) => new Date(ms).toISOString();
  const between = (from: number) => from + Math.floor(random.next() * (now - from));

  const person: DemoPerson = {
    index,
    firstName,
    lastName,
    email,
    phone,
    timeZone: random.pick(TIME_ZONES),
    createdAt: iso(createdAt),
    // Later additions draw from their own forks, so existing values never shift.
    consent: generateConsent(random.fork('consent'), createdAt, now),
  };

  const clicks: DemoClick[] = [];
  if (random.chance(0.3)) {
    for (let i = random.int(1, 3); i > 0; i--) {
      const campaign = random.pick(campaigns.google);
      clicks.push({
        gclid: `Cj0KCQ${random.chars(BASE62, 74)}`,
        campaignId: campaign.campaignId,
        adGroupId: campaign.adGroupId,
        clickedAt: iso(between(createdAt)),
      });
    }
    clicks.sort((a, b) => a.clickedAt.localeCompare(b.clickedAt));
    person.googleAds = { clicks };
  }
  const firstGclid = clicks[0]?.gclid;

  if (random.chance(0.7)) {
    const updatedAt = between(createdAt);
    person.hubspot = {
      contactId: String(100_000 + index * 7 + random.int(0, 6)),
      email: spellEmail(random, email),
      phone: random.chance(0.6) ? spellPhone(random, phoneDigits) : undefined,
      lifecycleStage: random.pick<HubSpotFacet['lifecycleStage']>([
        'subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer',
      ]),
      leadStatus: random.pick<HubSpotFacet['leadStatus']>(['NEW', 'OPEN', 'IN_PROGRESS', 'CONNECTED', 'UNQUALIFIED', undefined]),
      ownerId: String(random.pick([7_000_001, 7_000_002, 7_000_003])),
      googleClickId: firstGclid,
      createdAt: iso(createdAt),
      updatedAt: iso(updatedAt),
    };
  }

  if (random.chance(0.6)) {
    const orders: DemoOrder[] = [];
    for (let i = random.int(0, 5); i > 0; i--) {
      const lineItems = Array.from({ length: random.int(1, 3) }, () => {
        const product = random.pick(PRODUCTS);
        return { sku: product.sku, title: product.title, quantity: random.int(1, 3), unitPrice: product.price.toFixed(2) };
      });
      const total = lineItems.reduce((sum, li) => sum + li.quantity * Number(li.unitPrice), 0);
      const gclid = clicks.length > 0 && random.chance(0.5) ? random.pick(clicks).gclid : undefined;
      orders.push({
        id: '',
        name: '',
        createdAt: iso(between(createdAt)),
        currencyCode: 'USD',
        lineItems,
        total: total.toFixed(2),
        landingSite: gclid ? `/?utm_source=google&gclid=${gclid}` : random.chance(0.5) ? '/' : undefined,
      });
    }
    orders.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    orders.forEach((order, i) => {
      order.id = `${5_000_000_000 + index * 10 + i}`;
      order.name = `#${1001 + index * 10 + i}`;
    });
    const checkoutRandom = random.fork('checkouts');
    const abandonedCheckouts: DemoCheckout[] = [];
    for (let i = checkoutRandom.chance(0.35) ? checkoutRandom.int(1, 2) : 0; i > 0; i--) {
      const product = checkoutRandom.pick(PRODUCTS);
      const quantity = checkoutRandom.int(1, 2);
      const at = createdAt + Math.floor(checkoutRandom.next() * (now - createdAt));
      abandonedCheckouts.push({
        id: `${30_000_000_000 + index * 10 + i}`,
        token: checkoutRandom.chars('0123456789abcdef', 32),
        createdAt: iso(at),
        completedAt: checkoutRandom.chance(0.25) ? iso(Math.min(now, at + checkoutRandom.int(1, 48) * 3_600_000)) : undefined,
        lineItems: [{ sku: product.sku, title: product.title, quantity, unitPrice: product.price.toFixed(2) }],
        total: (product.price * quantity).toFixed(2),
        currencyCode: 'USD',
      });
    }
    abandonedCheckouts.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    person.shopify = {
      customerId: String(7_000_000_000_000 + index),
      email: spellEmail(random, email),
      // Shopify stores phones in E.164 only.
      phone: random.chance(0.5) ? phone : undefined,
      tags: random.chance(0.3) ? ['vip'] : [],
      orders,
      abandonedCheckouts,
      createdAt: iso(createdAt),
      updatedAt: iso(between(createdAt)),
    };
  }

  if (random.chance(0.7)) {
    person.klaviyo = {
      profileId: `01J${random.chars(CROCKFORD, 23)}`,
      email: spellEmail(random, email),
      // Klaviyo keeps phone numbers in E.164.
      phoneNumber: random.chance(0.5) ? phone : undefined,
      createdAt: iso(createdAt),
      updatedAt: iso(between(createdAt)),
    };
  }

  if (random.chance(0.2)) {
    const leads: DemoLead[] = [];
    for (let i = random.int(1, 2); i > 0; i--) {
      const campaign = random.pick(campaigns.meta);
      leads.push({
        leadId: `${1_200_000_000_000_000 + index * 10 + i}`,
        formId: campaign.formId,
        adId: campaign.adId,
        adsetId: campaign.adsetId,
        campaignId: campaign.campaignId,
        createdTime: iso(between(createdAt)),
        email: spellEmail(random, email),
        phone: random.chance(0.5) ? spellPhone(random, phoneDigits) : undefined,
        fullName: `${firstName} ${lastName}`,
      });
    }
    person.meta = { leads };
  }

  // Everyone is known to at least one vendor; a person nobody holds would not be in the demo.
  if (!person.hubspot && !person.shopify && !person.klaviyo && !person.meta) {
    person.klaviyo = {
      profileId: `01J${random.chars(CROCKFORD, 23)}`,
      email: spellEmail(random, email),
      phoneNumber: undefined,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
    };
  }
  return person;
}

function generateConsent(random: Random, createdAt: number, now: number): DemoConsent {
  const at = () => new Date(createdAt + Math.floor(random.next() * (now - createdAt))).toISOString();
  const state = (subscribed: number, unsubscribed: number): DemoConsent['email'] => {
    const roll = random.next();
    return roll < subscribed ? 'SUBSCRIBED' : roll < subscribed + unsubscribed ? 'UNSUBSCRIBED' : 'NEVER_SUBSCRIBED';
  };
  return {
    email: state(0.6, 0.2),
    emailUpdatedAt: at(),
    emailMethod: random.pick(['DOUBLE_OPT_IN', 'SINGLE_OPT_IN', 'CHECKOUT', 'PREFERENCE_PAGE']),
    sms: state(0.3, 0.15),
    smsUpdatedAt: at(),
    ads: random.pick(['GRANTED', 'GRANTED', 'DENIED', 'UNKNOWN'] as const),
  };
}

/** How people and forms type an email: mixed case, stray spaces. All normalize to `email`. */
function spellEmail(random: Random, email: string): string {
  switch (random.int(0, 4)) {
    case 0:
      return email.toUpperCase();
    case 1:
      return email.replace(/^./, (c) => c.toUpperCase()).replace(/\.(.)/, (_, c: string) => `.${c.toUpperCase()}`);
    case 2:
      return `  ${email} `;
    default:
      return email;
  }
}

/** How people type a US phone number. All parse to the same E.164 number. */
function spellPhone(random: Random, digits: string): string {
  const [a, b, c] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  return random.pick([`(${a}) ${b}-${c}`, `+1 ${a}-${b}-${c}`, `${a}.${b}.${c}`, `1${digits}`, `+1${digits}`]);
}
