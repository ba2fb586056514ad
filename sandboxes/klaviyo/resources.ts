/**
 * JSON:API resource objects exactly as Klaviyo returns them (field names from `stable.json`).
 * @see https://developers.klaviyo.com/en/reference/get_profiles
 */
import type { KlaviyoList, KlaviyoMetric, KlaviyoSegment } from './catalog.js';
import { klaviyoTime } from './format.js';
import type { KlaviyoEventRecord } from './history.js';
import type { KlaviyoProfileRecord, KlaviyoState } from './state.js';
import { subscriptionsResource } from './subscriptions.js';

export interface ProfileExtras {
  subscriptions?: boolean;
  predictive?: boolean;
  /** The list or segment membership time, on `/lists/{id}/profiles`. */
  joinedGroupAt?: string;
  /** `fields[profile]`: the attributes to keep (sparse fieldset); undefined keeps all. */
  fields?: readonly string[];
}

const relation = (base: string, path: string, name: string) => ({
  links: { self: `${base}/api/${path}/relationships/${name}/`, related: `${base}/api/${path}/${name}/` },
});

export function profileResource(profile: KlaviyoProfileRecord, state: KlaviyoState, base: string, extras: ProfileExtras = {}) {
  const attributes: Record<string, unknown> = {
    email: profile.email,
    phone_number: profile.phoneNumber,
    external_id: profile.externalId,
    first_name: profile.firstName,
    last_name: profile.lastName,
    organization: null,
    locale: null,
    title: null,
    image: null,
    created: profile.created,
    updated: profile.updated,
    last_event_date: state.lastEventDate(profile.id),
    location: {
      address1: null,
      address2: null,
      city: null,
      country: null,
      latitude: null,
      longitude: null,
      region: null,
      zip: null,
      timezone: profile.timezone,
      ip: null,
    },
    properties: {},
    ...(extras.joinedGroupAt ? { joined_group_at: extras.joinedGroupAt } : {}),
    ...(extras.subscriptions ? { subscriptions: subscriptionsResource(profile.subscriptions) } : {}),
    ...(extras.predictive ? { predictive_analytics: { ...profile.predictive } } : {}),
  };
  const kept = extras.fields;
  return {
    type: 'profile',
    id: profile.id,
    attributes: kept ? Object.fromEntries(Object.entries(attributes).filter(([k]) => kept.some((f) => f === k || f.startsWith(`${k}.`)))) : attributes,
    relationships: {
      lists: relation(base, `profiles/${profile.id}`, 'lists'),
      segments: relation(base, `profiles/${profile.id}`, 'segments'),
      'push-tokens': relation(base, `profiles/${profile.id}`, 'push-tokens'),
      conversation: relation(base, `profiles/${profile.id}`, 'conversation'),
    },
    links: { self: `${base}/api/profiles/${profile.id}/` },
  };
}

export function eventResource(event: KlaviyoEventRecord, state: KlaviyoState, base: string) {
  const metric = state.catalog.metricByName.get(event.metric)!;
  return {
    type: 'event',
    id: event.id,
    attributes: {
      timestamp: Math.floor(event.at / 1000),
      event_properties: event.properties,
      datetime: klaviyoTime(event.at),
      uuid: event.uuid,
    },
    relationships: {
      profile: { data: { type: 'profile', id: event.profileId }, ...relation(base, `events/${event.id}`, 'profile') },
      metric: { data: { type: 'metric', id: metric.id }, ...relation(base, `events/${event.id}`, 'metric') },
      attributions: { data: [], ...relation(base, `events/${event.id}`, 'attributions') },
    },
    links: { self: `${base}/api/events/${event.id}/` },
  };
}

export function metricResource(metric: KlaviyoMetric, base: string) {
  return {
    type: 'metric',
    id: metric.id,
    attributes: { name: metric.name, created: metric.created, updated: metric.updated, integration: metric.integration },
    relationships: { 'flow-triggers': relation(base, `metrics/${metric.id}`, 'flow-triggers') },
    links: { self: `${base}/api/metrics/${metric.id}/` },
  };
}

export function listResource(list: KlaviyoList, base: string) {
  return {
    type: 'list',
    id: list.id,
    attributes: { name: list.name, created: list.created, updated: list.updated, opt_in_process: list.optInProcess },
    relationships: {
      profiles: relation(base, `lists/${list.id}`, 'profiles'),
      tags: relation(base, `lists/${list.id}`, 'tags'),
      'flow-triggers': relation(base, `lists/${list.id}`, 'flow-triggers'),
    },
    links: { self: `${base}/api/lists/${list.id}/` },
  };
}

export function segmentResource(segment: KlaviyoSegment, base: string) {
  return {
    type: 'segment',
    id: segment.id,
    attributes: {
      name: segment.name,
      definition: null,
      created: segment.created,
      updated: segment.updated,
      is_active: true,
      is_processing: false,
      is_starred: false,
    },
    relationships: {
      profiles: relation(base, `segments/${segment.id}`, 'profiles'),
      tags: relation(base, `segments/${segment.id}`, 'tags'),
      'flow-triggers': relation(base, `segments/${segment.id}`, 'flow-triggers'),
    },
    links: { self: `${base}/api/segments/${segment.id}/` },
  };
}
