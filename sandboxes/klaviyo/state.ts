/**
 * The Klaviyo account the sandbox serves, built from the demo world: profiles (with subscriptions,
 * predictive analytics and list memberships) indexed by id, email and phone; each profile's event
 * history generated lazily on first read, so a 100,000-person world loads in seconds.
 */
import { createRandom, type Random } from '../demo-world/random.js';
import type { DemoPerson, DemoWorld } from '../demo-world/world.js';
import { buildCatalog, type KlaviyoCatalog, type KlaviyoSegment, type MetricName } from './catalog.js';
import { klaviyoTime, profileId as newProfileId } from './format.js';
import { byTime, generateHistory, newEvent, type KlaviyoEventRecord } from './history.js';
import { predictiveAnalytics, type PredictiveAnalytics } from './predictive.js';
import { subscriptionsFromConsent, type ProfileSubscriptions } from './subscriptions.js';

export interface KlaviyoProfileRecord {
  id: string;
  email: string | null;
  phoneNumber: string | null;
  externalId: string | null;
  firstName: string | null;
  lastName: string | null;
  created: string;
  updated: string;
  timezone: string | null;
  subscriptions: ProfileSubscriptions;
  predictive: PredictiveAnalytics;
  /** List id → `joined_group_at`. */
  lists: Map<string, string>;
  /** Lists with double opt-in whose confirmation message the person has not answered yet. */
  pendingOptIns: Set<string>;
  /** The demo person behind the profile, for the lazily generated history; absent for profiles created at run time. */
  person?: DemoPerson;
}

const DAY_MS = 86_400_000;

/** The profile fields a `filter=equals(...)` / `any(...)` can find through an index instead of a scan. */
export const INDEXED_PROFILE_FIELDS = ['id', 'email', 'phone_number', 'external_id'] as const;
export type IndexedProfileField = (typeof INDEXED_PROFILE_FIELDS)[number];

const indexedValue = (profile: KlaviyoProfileRecord, field: IndexedProfileField): string | null =>
  field === 'id' ? profile.id : field === 'email' ? profile.email : field === 'phone_number' ? profile.phoneNumber : profile.externalId;
const lower = (value: string | null | undefined) => value?.trim().toLowerCase() || undefined;

export class KlaviyoState {
  readonly catalog: KlaviyoCatalog;
  readonly profiles = new Map<string, KlaviyoProfileRecord>();
  /** The instant the world's history ends (events are generated up to it). */
  readonly worldNow: number;
  /** Forks by label depend only on the seed, so one root serves every person. */
  private readonly root: Random;
  private readonly byEmail = new Map<string, string>();
  private readonly byPhone = new Map<string, string>();
  /**
   * Filter indexes: field → the value lowercased as the filter compares it (filter.ts `same`) →
   * ids of every profile holding it. Several profiles may share a value, unlike byEmail / byPhone.
   */
  private readonly filterIndex = new Map<IndexedProfileField, Map<string, Set<string>>>(INDEXED_PROFILE_FIELDS.map((f) => [f, new Map()]));
  private readonly events = new Map<string, KlaviyoEventRecord[]>();
  /** Every profile in id order (ids never change), built on first use and dropped when one is added or deleted. */
  private inIdOrder: KlaviyoProfileRecord[] | undefined;
  private everyEvent: KlaviyoEventRecord[] | undefined;
  private recorded = 0;
  /** Draws for ids made at run time (profiles, events, messages). */
  readonly runtime: Random;

  constructor(
    private readonly world: DemoWorld,
    /** The clock used for changes made at run time (actions, jobs). */
    readonly clock: () => number = Date.now,
  ) {
    this.worldNow = Date.parse(world.now);
    this.catalog = buildCatalog(world.seed, this.worldNow);
    this.root = createRandom(world.seed);
    this.runtime = this.root.fork('klaviyo:runtime');
    for (const person of world.people) if (person.klaviyo) this.insert(this.fromPerson(person));
  }

  private fromPerson(person: DemoPerson): KlaviyoProfileRecord {
    const facet = person.klaviyo!;
    const subscriptions = this.initialSubscriptions(person);
    const orders = person.shopify?.orders ?? [];
    const lists = new Map<string, string>();
    const { email, sms } = subscriptions;
    if (email.consent === 'SUBSCRIBED' && email.consentTimestamp) lists.set(this.catalog.lists.newsletter.id, email.consentTimestamp);
    if (sms.consent === 'SUBSCRIBED' && sms.consentTimestamp) lists.set(this.catalog.lists.sms.id, sms.consentTimestamp);
    if (orders.length >= 3) lists.set(this.catalog.lists.vip.id, klaviyoTime(orders[2]!.createdAt));
    const changes = [facet.updatedAt, email.lastUpdated, sms.lastUpdated].filter((t): t is string => !!t).map((t) => Date.parse(t));
    return {
      id: facet.profileId,
      // Klaviyo stores the address trimmed; the case stays as the person typed it.
      email: facet.email.trim(),
      phoneNumber: facet.phoneNumber ?? null,
      externalId: null,
      firstName: person.firstName,
      lastName: person.lastName,
      created: klaviyoTime(facet.createdAt),
      updated: klaviyoTime(Math.max(...changes)),
      timezone: person.timeZone,
      subscriptions,
      predictive: predictiveAnalytics(orders, this.root.fork(`klaviyo:predictive:${person.index}`)),
      lists,
      pendingOptIns: new Set(),
      person,
    };
  }

  private initialSubscriptions(person: DemoPerson): ProfileSubscriptions {
    const random = this.root.fork(`klaviyo:subscriptions:${person.index}`);
    return subscriptionsFromConsent(person.consent, !!person.klaviyo?.phoneNumber, random, this.worldNow);
  }

  private insert(profile: KlaviyoProfileRecord) {
    this.profiles.set(profile.id, profile);
    this.inIdOrder = undefined;
    const email = lower(profile.email);
    if (email) this.byEmail.set(email, profile.id);
    if (profile.phoneNumber) this.byPhone.set(profile.phoneNumber, profile.id);
    for (const field of INDEXED_PROFILE_FIELDS) this.indexValue(profile, field);
  }

  private indexValue(profile: KlaviyoProfileRecord, field: IndexedProfileField) {
    const value = indexedValue(profile, field);
    if (value === null) return;
    const index = this.filterIndex.get(field)!;
    const key = value.toLowerCase();
    const ids = index.get(key);
    if (ids) ids.add(profile.id);
    else index.set(key, new Set([profile.id]));
  }

  private unindexValue(profile: KlaviyoProfileRecord, field: IndexedProfileField) {
    const value = indexedValue(profile, field);
    if (value === null) return;
    const index = this.filterIndex.get(field)!;
    const key = value.toLowerCase();
    const ids = index.get(key);
    ids?.delete(profile.id);
    if (ids?.size === 0) index.delete(key);
  }

  /** Every profile sorted by id ascending (read-only: the unfiltered list pages through it without sorting per request). */
  profilesInIdOrder(): readonly KlaviyoProfileRecord[] {
    this.inIdOrder ??= [...this.profiles.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.inIdOrder;
  }

  /**
   * The profiles whose `field` equals one of `values` as a filter compares text (case-insensitive),
   * in no particular order: O(values), not O(profiles).
   */
  profilesWithAny(field: IndexedProfileField, values: readonly string[]): KlaviyoProfileRecord[] {
    const index = this.filterIndex.get(field)!;
    const ids = new Set<string>();
    for (const value of values) for (const id of index.get(value.toLowerCase()) ?? []) ids.add(id);
    return [...ids].map((id) => this.profiles.get(id)!);
  }

  profileByEmail(email: string): KlaviyoProfileRecord | undefined {
    const id = this.byEmail.get(email.trim().toLowerCase());
    return id === undefined ? undefined : this.profiles.get(id);
  }

  profileByPhone(phone: string): KlaviyoProfileRecord | undefined {
    const id = this.byPhone.get(phone.trim());
    return id === undefined ? undefined : this.profiles.get(id);
  }

  /** Creates a profile at run time (a subscribe job for someone Klaviyo did not hold yet). */
  createProfile(fields: { email?: string | null; phoneNumber?: string | null }): KlaviyoProfileRecord {
    const at = klaviyoTime(this.clock());
    const profile: KlaviyoProfileRecord = {
      id: newProfileId(this.runtime),
      email: fields.email?.trim() ?? null,
      phoneNumber: fields.phoneNumber ?? null,
      externalId: null,
      firstName: null,
      lastName: null,
      created: at,
      updated: at,
      timezone: null,
      subscriptions: {
        email: { consent: 'NEVER_SUBSCRIBED', consentTimestamp: null, lastUpdated: null, method: null, methodDetail: '', customMethodDetail: null, doubleOptin: null, suppression: [], listSuppressions: [] },
        sms: { consent: 'NEVER_SUBSCRIBED', consentTimestamp: null, lastUpdated: null, method: null, methodDetail: '' },
      },
      predictive: predictiveAnalytics([], this.runtime),
      lists: new Map(),
      pendingOptIns: new Set(),
    };
    this.insert(profile);
    this.events.set(profile.id, []);
    return profile;
  }

  /** Adds a phone number or email learned at run time, keeping the indexes right. */
  setIdentifiers(profile: KlaviyoProfileRecord, fields: { email?: string | null; phoneNumber?: string | null }) {
    if (fields.email && !profile.email) {
      profile.email = fields.email.trim();
      this.byEmail.set(profile.email.toLowerCase(), profile.id);
      this.indexValue(profile, 'email');
    }
    if (fields.phoneNumber && !profile.phoneNumber) {
      profile.phoneNumber = fields.phoneNumber;
      this.byPhone.set(profile.phoneNumber, profile.id);
      this.indexValue(profile, 'phone_number');
    }
  }

  /** Deletes a profile and everything Klaviyo keeps about it (a data-privacy deletion). */
  deleteProfile(id: string): boolean {
    const profile = this.profiles.get(id);
    if (!profile) return false;
    this.profiles.delete(id);
    this.inIdOrder = undefined;
    for (const field of INDEXED_PROFILE_FIELDS) this.unindexValue(profile, field);
    const email = lower(profile.email);
    if (email && this.byEmail.get(email) === id) this.byEmail.delete(email);
    if (profile.phoneNumber && this.byPhone.get(profile.phoneNumber) === id) this.byPhone.delete(profile.phoneNumber);
    this.events.delete(id);
    this.everyEvent = undefined;
    return true;
  }

  /** Marks a profile changed now (consent, lists, identifiers). */
  touch(profile: KlaviyoProfileRecord): string {
    const at = klaviyoTime(Math.max(this.clock(), Date.parse(profile.updated)));
    profile.updated = at;
    return at;
  }

  eventsOf(profileId: string): KlaviyoEventRecord[] {
    let events = this.events.get(profileId);
    if (!events) {
      const profile = this.profiles.get(profileId);
      if (!profile?.person) return [];
      events = generateHistory(this.world.seed, profile.person, profileId, this.initialSubscriptions(profile.person), this.catalog, this.worldNow);
      this.events.set(profileId, events);
    }
    return events;
  }

  /** Every event of the account in time order (built once, then kept up to date). */
  allEvents(): KlaviyoEventRecord[] {
    if (!this.everyEvent) this.everyEvent = [...this.profiles.keys()].flatMap((id) => this.eventsOf(id)).sort(byTime);
    return this.everyEvent;
  }

  event(id: string): KlaviyoEventRecord | undefined {
    return this.allEvents().find((e) => e.id === id);
  }

  /** Records an event happening now (or at `at`), as Klaviyo does when a message goes out or consent changes. */
  addEvent(profileId: string, metric: MetricName, properties: Record<string, unknown>, at = this.clock()): KlaviyoEventRecord {
    const event = newEvent(this.runtime, profileId, metric, at, properties, ++this.recorded);
    const list = this.eventsOf(profileId);
    list.push(event);
    list.sort(byTime);
    if (this.everyEvent) {
      this.everyEvent.push(event);
      this.everyEvent.sort(byTime);
    }
    return event;
  }

  lastEventDate(profileId: string): string | null {
    const events = this.eventsOf(profileId);
    return events.length === 0 ? null : klaviyoTime(events[events.length - 1]!.at);
  }

  segmentsOf(profile: KlaviyoProfileRecord): KlaviyoSegment[] {
    return this.catalog.segments.filter((segment) => this.inSegment(profile, segment));
  }

  inSegment(profile: KlaviyoProfileRecord, segment: KlaviyoSegment): boolean {
    const events = this.eventsOf(profile.id);
    switch (segment.rule) {
      case 'engaged-90-days': {
        const since = Math.max(this.worldNow, this.clock()) - 90 * DAY_MS;
        return events.some((e) => (e.metric === 'Opened Email' || e.metric === 'Clicked Email') && e.at >= since);
      }
      case 'repeat-buyers':
        return events.filter((e) => e.metric === 'Placed Order').length >= 2;
      case 'churn-risk':
        return (profile.predictive.churn_probability ?? 0) >= 0.6;
      case 'abandoned-checkout':
        return events.some((e) => e.metric === 'Started Checkout');
    }
  }
}

export function buildKlaviyoState(world: DemoWorld, clock?: () => number): KlaviyoState {
  return new KlaviyoState(world, clock);
}
