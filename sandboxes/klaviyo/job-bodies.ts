/**
 * The request bodies of the asynchronous jobs, validated as Klaviyo validates them: a bad body is
 * a 400 pointing at the offending member and nothing is queued.
 * @see https://developers.klaviyo.com/en/reference/bulk_subscribe_profiles
 * @see https://developers.klaviyo.com/en/reference/bulk_unsubscribe_profiles
 * @see https://developers.klaviyo.com/en/reference/request_profile_deletion
 */
import { z } from 'zod';

const E164 = /^\+[1-9]\d{6,14}$/;
const phone = z.string().regex(E164, 'The phone number must be in E.164 format.').nullish();
const listRelationship = z.object({ list: z.object({ data: z.object({ type: z.literal('list'), id: z.string().min(1) }) }) }).optional();
const subscribed = z.object({ consent: z.literal('SUBSCRIBED'), consented_at: z.string().datetime({ offset: true }).nullish() }).strict();
const unsubscribed = z.object({ consent: z.literal('UNSUBSCRIBED') }).strict();

const SubscribeProfile = z.object({
  type: z.literal('profile'),
  id: z.string().nullish(),
  attributes: z.object({
    email: z.string().email().nullish(),
    phone_number: phone,
    subscriptions: z
      .object({
        email: z.object({ marketing: subscribed.nullish() }).nullish(),
        sms: z.object({ marketing: subscribed.nullish(), transactional: subscribed.nullish() }).nullish(),
      })
      .strict(),
  }),
});

export const SubscribeJobSchema = z
  .object({
    data: z.object({
      type: z.literal('profile-subscription-bulk-create-job'),
      attributes: z.object({
        custom_source: z.string().nullish(),
        historical_import: z.boolean().nullish(),
        profiles: z.object({ data: z.array(SubscribeProfile).min(1).max(1000) }),
      }),
      relationships: listRelationship,
    }),
  })
  .superRefine((body, ctx) => {
    const historical = body.data.attributes.historical_import === true;
    body.data.attributes.profiles.data.forEach((profile, i) => {
      const at = ['data', 'attributes', 'profiles', 'data', i, 'attributes'];
      const a = profile.attributes;
      const consentedAt = a.subscriptions.email?.marketing?.consented_at ?? a.subscriptions.sms?.marketing?.consented_at;
      if (consentedAt && !historical) ctx.addIssue({ code: 'custom', path: [...at, 'subscriptions'], message: 'consented_at is only allowed when historical_import is true.' });
      if (historical && !consentedAt) ctx.addIssue({ code: 'custom', path: [...at, 'subscriptions'], message: 'consented_at is required when historical_import is true.' });
      if (consentedAt && Date.parse(consentedAt) > Date.now()) ctx.addIssue({ code: 'custom', path: [...at, 'subscriptions'], message: 'consented_at must be in the past.' });
      if (a.subscriptions.email?.marketing && !a.email && !profile.id) ctx.addIssue({ code: 'custom', path: [...at, 'email'], message: 'An email is required to subscribe to email marketing.' });
      if ((a.subscriptions.sms?.marketing || a.subscriptions.sms?.transactional) && !a.phone_number) ctx.addIssue({ code: 'custom', path: [...at, 'phone_number'], message: 'A phone number is required to subscribe to SMS.' });
      if (!a.email && !a.phone_number && !profile.id) ctx.addIssue({ code: 'custom', path: at, message: 'Either email or phone_number is required.' });
    });
  });

const UnsubscribeProfile = z.object({
  type: z.literal('profile'),
  attributes: z.object({
    email: z.string().email().nullish(),
    phone_number: phone,
    subscriptions: z
      .object({
        email: z.object({ marketing: unsubscribed }).nullish(),
        sms: z.object({ marketing: unsubscribed.nullish(), transactional: unsubscribed.nullish() }).nullish(),
      })
      .strict(),
  }),
});

export const UnsubscribeJobSchema = z
  .object({
    data: z.object({
      type: z.literal('profile-subscription-bulk-delete-job'),
      attributes: z.object({ profiles: z.object({ data: z.array(UnsubscribeProfile).min(1).max(100) }) }),
      relationships: listRelationship,
    }),
  })
  .superRefine((body, ctx) => {
    body.data.attributes.profiles.data.forEach((profile, i) => {
      const at = ['data', 'attributes', 'profiles', 'data', i, 'attributes'];
      const a = profile.attributes;
      if (a.subscriptions.email && !a.email) ctx.addIssue({ code: 'custom', path: [...at, 'email'], message: 'An email is required to unsubscribe from email marketing.' });
      if (a.subscriptions.sms && !a.phone_number) ctx.addIssue({ code: 'custom', path: [...at, 'phone_number'], message: 'A phone number is required to unsubscribe from SMS.' });
    });
  });

export const DeletionJobSchema = z
  .object({
    data: z.object({
      type: z.literal('data-privacy-deletion-job'),
      attributes: z.object({
        profile: z.object({
          data: z.object({
            type: z.literal('profile'),
            id: z.string().nullish(),
            attributes: z.object({ email: z.string().nullish(), phone_number: z.string().nullish() }),
          }),
        }),
      }),
    }),
  })
  .superRefine((body, ctx) => {
    const p = body.data.attributes.profile.data;
    const given = [p.id, p.attributes.email, p.attributes.phone_number].filter((v) => v !== null && v !== undefined && v !== '');
    if (given.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['data', 'attributes', 'profile', 'data'], message: 'Exactly one of id, email or phone_number must be provided.' });
    }
  });

export type SubscribeJob = z.infer<typeof SubscribeJobSchema>;
export type UnsubscribeJob = z.infer<typeof UnsubscribeJobSchema>;
export type DeletionJob = z.infer<typeof DeletionJobSchema>;

/** The first problem as Klaviyo reports it: a JSON pointer to the member and a readable detail. */
export function firstIssue(error: z.ZodError): { pointer: string; detail: string } {
  const issue = error.issues[0]!;
  return { pointer: `/${issue.path.map(String).join('/')}`, detail: issue.message };
}
