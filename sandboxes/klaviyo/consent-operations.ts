/**
 * What the bulk subscribe / unsubscribe and deletion jobs do to the account when they run,
 * following Klaviyo's documented rules:
 * - subscribing lifts UNSUBSCRIBE / SPAM_COMPLAINT / USER_SUPPRESSED suppressions (never bounces);
 * - a list with double opt-in gets a confirmation first: consent changes only when the person confirms
 *   (`historical_import` skips it), a list-less call follows the account default (single opt-in here);
 * - unsubscribing removes people from the given list, and "profiles not in the specified list will be
 *   globally unsubscribed", as is everyone when no list is given;
 * - a profile that cannot be found is created first.
 * @see https://developers.klaviyo.com/en/reference/bulk_unsubscribe_profiles
 */
import type { KlaviyoList } from './catalog.js';
import { klaviyoTime } from './format.js';
import type { KlaviyoEventRecord } from './history.js';
import type { DeletionJob, SubscribeJob, UnsubscribeJob } from './job-bodies.js';
import type { KlaviyoProfileRecord, KlaviyoState } from './state.js';
import { setSms, subscribeEmail, unsubscribeEmail } from './subscriptions.js';

function findOrCreate(state: KlaviyoState, lookup: { id?: string | null; email?: string | null; phone?: string | null }): KlaviyoProfileRecord {
  const found =
    (lookup.id ? state.profiles.get(lookup.id) : undefined) ??
    (lookup.email ? state.profileByEmail(lookup.email) : undefined) ??
    (lookup.phone ? state.profileByPhone(lookup.phone) : undefined);
  const profile = found ?? state.createProfile({ email: lookup.email, phoneNumber: lookup.phone });
  state.setIdentifiers(profile, { email: lookup.email, phoneNumber: lookup.phone });
  return profile;
}

const listOf = (state: KlaviyoState, id: string | undefined): KlaviyoList | undefined =>
  id === undefined ? undefined : Object.values(state.catalog.lists).find((l) => l.id === id);

export function applySubscribe(state: KlaviyoState, job: SubscribeJob): KlaviyoEventRecord[] {
  const { attributes, relationships } = job.data;
  const list = listOf(state, relationships?.list.data.id);
  const historical = attributes.historical_import === true;
  const events: KlaviyoEventRecord[] = [];
  for (const input of attributes.profiles.data) {
    const a = input.attributes;
    const profile = findOrCreate(state, { id: input.id, email: a.email, phone: a.phone_number });
    const email = a.subscriptions.email?.marketing;
    const sms = a.subscriptions.sms?.marketing ?? a.subscriptions.sms?.transactional;
    if (email) {
      if (list?.optInProcess === 'double_opt_in' && !historical) {
        // Klaviyo sends a confirmation message; nothing changes until the person confirms.
        profile.pendingOptIns.add(list.id);
      } else {
        const at = email.consented_at ? klaviyoTime(email.consented_at) : klaviyoTime(state.clock());
        subscribeEmail(profile.subscriptions.email, at, { method: 'API', detail: '', custom: attributes.custom_source ?? null, doubleOptin: false });
        if (list) profile.lists.set(list.id, at);
        events.push(state.addEvent(profile.id, 'Subscribed to Email Marketing', { Method: 'API', List: list?.name ?? null }));
      }
    }
    if (sms) {
      const at = sms.consented_at ? klaviyoTime(sms.consented_at) : klaviyoTime(state.clock());
      setSms(profile.subscriptions.sms, 'SUBSCRIBED', at, 'API', attributes.custom_source ?? '');
      if (list) profile.lists.set(list.id, at);
      events.push(state.addEvent(profile.id, 'Subscribed to SMS Marketing', { Method: 'API' }));
    }
    state.touch(profile);
  }
  return events;
}

/** The person answered the double opt-in confirmation for a list. */
export function confirmOptIn(state: KlaviyoState, profile: KlaviyoProfileRecord, listId: string): KlaviyoEventRecord | undefined {
  const list = listOf(state, listId);
  if (!list || !profile.pendingOptIns.delete(listId)) return undefined;
  const at = klaviyoTime(state.clock());
  subscribeEmail(profile.subscriptions.email, at, { method: 'API', detail: 'Double opt-in confirmation', custom: null, doubleOptin: true });
  profile.lists.set(list.id, at);
  state.touch(profile);
  return state.addEvent(profile.id, 'Subscribed to Email Marketing', { Method: 'API', List: list.name, 'Double Opt-in': true });
}

export function applyUnsubscribe(state: KlaviyoState, job: UnsubscribeJob): KlaviyoEventRecord[] {
  const list = listOf(state, job.data.relationships?.list.data.id);
  const events: KlaviyoEventRecord[] = [];
  for (const input of job.data.attributes.profiles.data) {
    const a = input.attributes;
    const profile = findOrCreate(state, { email: a.email, phone: a.phone_number });
    const at = klaviyoTime(state.clock());
    const wasInList = list ? profile.lists.delete(list.id) : false;
    if (a.subscriptions.email) {
      if (list && wasInList) {
        profile.subscriptions.email.listSuppressions.push({ listId: list.id, reason: 'UNSUBSCRIBE', timestamp: at });
      } else {
        unsubscribeEmail(profile.subscriptions.email, at, 'API');
        events.push(state.addEvent(profile.id, 'Unsubscribed from Email Marketing', { Method: 'API' }));
      }
    }
    if (a.subscriptions.sms) {
      setSms(profile.subscriptions.sms, 'UNSUBSCRIBED', at, 'API', '');
      profile.lists.delete(state.catalog.lists.sms.id);
      events.push(state.addEvent(profile.id, 'Unsubscribed from SMS Marketing', { Method: 'API' }));
    }
    state.touch(profile);
  }
  return events;
}

/** Deletes every profile matching the one identifier given. */
export function applyDeletion(state: KlaviyoState, job: DeletionJob): string[] {
  const p = job.data.attributes.profile.data;
  // The index narrows to the profiles holding the identifier (case aside); the test below is exact.
  const candidates = p.id
    ? state.profilesWithAny('id', [p.id])
    : p.attributes.email
      ? state.profilesWithAny('email', [p.attributes.email.trim()])
      : state.profilesWithAny('phone_number', p.attributes.phone_number ? [p.attributes.phone_number] : []);
  const matches = candidates.filter((profile) =>
    p.id ? profile.id === p.id : p.attributes.email ? profile.email?.toLowerCase() === p.attributes.email.trim().toLowerCase() : profile.phoneNumber === p.attributes.phone_number,
  );
  for (const profile of matches) state.deleteProfile(profile.id);
  return matches.map((profile) => profile.id);
}
