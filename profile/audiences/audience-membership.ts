/**
 * Validation shared by every AudienceMembershipLedger adapter, so that bad input gets the same
 * clear error everywhere and changes nothing.
 */
import { z } from 'zod';
import type { AdPlatform, AudienceMembership } from '../../connectors/unified/contracts.js';

export const AD_PLATFORMS = ['meta', 'google-ads'] as const satisfies readonly AdPlatform[];

const Platform = z.enum(AD_PLATFORMS);
const Instant = z.string().datetime({ offset: true });
const Id = z.string().trim().min(1).max(200);

export const AudienceMembershipSchema = z.object({
  platform: Platform,
  audienceId: Id,
  audienceName: z.string().trim().min(1).max(500),
  customerId: Id,
  joinedAt: Instant,
  reason: z.string().trim().min(1).max(500),
});

/** A SHA-256 digest as the ad platforms take it: 64 lower-case hex characters. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/;

export class AudienceLedgerInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AudienceLedgerInputError';
  }
}

function fail(what: string, error: z.ZodError): never {
  const issue = error.issues[0];
  throw new AudienceLedgerInputError(`Invalid ${what}: ${issue?.path.join('.') || '(value)'} ${issue?.message ?? ''}`.trim());
}

/** Validates a membership; `joinedAt` is kept as the same instant in UTC (`...Z`), so that text order is time order. */
export function parseMembership(input: AudienceMembership): AudienceMembership {
  const parsed = AudienceMembershipSchema.safeParse(input);
  if (!parsed.success) fail('audience membership', parsed.error);
  return { ...parsed.data, joinedAt: new Date(parsed.data.joinedAt).toISOString() };
}

export function parseLeft(platform: AdPlatform, audienceId: string, customerId: string, at: string) {
  const parsed = z.object({ platform: Platform, audienceId: Id, customerId: Id, at: Instant }).safeParse({ platform, audienceId, customerId, at });
  if (!parsed.success) fail('audience departure', parsed.error);
  return { ...parsed.data, at: new Date(parsed.data.at).toISOString() };
}

export function parsePlatform(platform: AdPlatform): AdPlatform {
  const parsed = Platform.safeParse(platform);
  return parsed.success ? parsed.data : fail('ad platform', parsed.error);
}

export function parseId(what: string, id: string): string {
  const parsed = Id.safeParse(id);
  return parsed.success ? parsed.data : fail(what, parsed.error);
}

export function parseHashes(hashes: readonly string[]): string[] {
  const bad = hashes.find((hash) => typeof hash !== 'string' || !HASH_PATTERN.test(hash));
  if (bad !== undefined) {
    throw new AudienceLedgerInputError('Invalid hash: expected a SHA-256 digest as 64 lower-case hex characters');
  }
  return [...hashes];
}

/** The order `audiencesOf` answers in: oldest placement first, then by audience id. */
export const byJoinedAt = (a: AudienceMembership, b: AudienceMembership): number =>
  a.joinedAt.localeCompare(b.joinedAt) || (a.audienceId < b.audienceId ? -1 : a.audienceId > b.audienceId ? 1 : 0);

