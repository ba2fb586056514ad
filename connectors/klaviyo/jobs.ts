/**
 * The request bodies of Klaviyo's asynchronous jobs, built from typed inputs.
 * - Subscribe: `consent` is always "SUBSCRIBED"; `consented_at` only with `historical_import`.
 * - Unsubscribe: `consent` is "UNSUBSCRIBED"; with a list, members leave that list only and
 *   everyone not in it is unsubscribed globally; without a list, everyone is unsubscribed globally.
 * - Deletion: exactly one identifier.
 * @see https://developers.klaviyo.com/en/reference/bulk_subscribe_profiles
 * @see https://developers.klaviyo.com/en/reference/bulk_unsubscribe_profiles
 * @see https://developers.klaviyo.com/en/reference/request_profile_deletion
 */
export type KlaviyoChannel = 'email' | 'sms';

export interface SubscriptionChange {
  channel: KlaviyoChannel;
  /** Email for the email channel, an E.164 phone number for SMS. */
  profiles: readonly { email?: string; phoneNumber?: string }[];
  listId?: string;
  /** Recorded as the consent's `custom_method_detail`. */
  customSource?: string;
}

export type DeletionTarget = { email: string } | { phoneNumber: string } | { profileId: string };

const listRelationship = (listId: string | undefined) => (listId ? { relationships: { list: { data: { type: 'list', id: listId } } } } : {});

function profileResource(profile: SubscriptionChange['profiles'][number], channel: KlaviyoChannel, consent: 'SUBSCRIBED' | 'UNSUBSCRIBED') {
  const subscriptions = channel === 'email' ? { email: { marketing: { consent } } } : { sms: { marketing: { consent } } };
  return {
    type: 'profile',
    attributes: {
      ...(channel === 'email' ? { email: profile.email } : { phone_number: profile.phoneNumber }),
      subscriptions,
    },
  };
}

export const subscribeJobBody = (change: SubscriptionChange) => ({
  data: {
    type: 'profile-subscription-bulk-create-job',
    attributes: {
      ...(change.customSource ? { custom_source: change.customSource } : {}),
      profiles: { data: change.profiles.map((p) => profileResource(p, change.channel, 'SUBSCRIBED')) },
    },
    ...listRelationship(change.listId),
  },
});

export const unsubscribeJobBody = (change: SubscriptionChange) => ({
  data: {
    type: 'profile-subscription-bulk-delete-job',
    attributes: { profiles: { data: change.profiles.map((p) => profileResource(p, change.channel, 'UNSUBSCRIBED')) } },
    ...listRelationship(change.listId),
  },
});

export function deletionJobBody(target: DeletionTarget) {
  const profile =
    'profileId' in target
      ? { type: 'profile', id: target.profileId, attributes: {} }
      : { type: 'profile', attributes: 'email' in target ? { email: target.email } : { phone_number: target.phoneNumber } };
  return { data: { type: 'data-privacy-deletion-job', attributes: { profile: { data: profile } } } };
}
