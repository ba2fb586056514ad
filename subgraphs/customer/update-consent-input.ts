/**
 * The rules an `updateConsent` input must meet before anything is written. GraphQL already
 * checks the enums; these are the rules the schema cannot say. A refusal names every problem.
 */
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { ConsentStatusSchema, ConsentTopicSchema } from '../../connectors/unified/consent.js';

/** HubSpot's GDPR legal bases, which the hub adopts as its own vocabulary (it writes them back there). */
export const LEGAL_BASES = [
  'CONSENT_WITH_NOTICE',
  'LEGITIMATE_INTEREST_PQL',
  'LEGITIMATE_INTEREST_CLIENT',
  'LEGITIMATE_INTEREST_OTHER',
  'PERFORMANCE_OF_CONTRACT',
  'PROCESS_AND_STORE',
  'NON_GDPR',
] as const;

export const UpdateConsentInputSchema = z
  .object({
    customerId: z.string().trim().min(1, 'is empty').max(200, 'is too long'),
    topic: ConsentTopicSchema,
    status: ConsentStatusSchema,
    method: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'must be an upper-case word such as PREFERENCE_PAGE'),
    legalBasis: z.enum(LEGAL_BASES, { message: `must be one of ${LEGAL_BASES.join(', ')}` }).nullish(),
    evidence: z
      .array(z.object({ key: z.string().trim().min(1, 'key is empty').max(100, 'key is too long'), value: z.string().max(1000, 'value is too long') }))
      .max(20, 'has more than 20 entries')
      .nullish()
      .refine((entries) => new Set((entries ?? []).map((e) => e.key)).size === (entries ?? []).length, 'repeats a key'),
  })
  .superRefine((input, ctx) => {
    // A grant without a legal basis is not a consent the hub could defend (GDPR Art. 7).
    if (input.status === 'GRANTED' && !input.legalBasis) ctx.addIssue({ code: 'custom', path: ['legalBasis'], message: 'is required to grant consent' });
  });

export type ValidUpdateConsentInput = z.infer<typeof UpdateConsentInputSchema>;

export function parseUpdateConsentInput(input: unknown): ValidUpdateConsentInput {
  const parsed = UpdateConsentInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `input.${issue.path.join('.')} ${issue.message}`);
  throw new GraphQLError(`Invalid consent update: ${problems.join('; ')}.`, {
    extensions: { code: 'BAD_USER_INPUT', problems },
  });
}
