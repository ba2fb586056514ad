/**
 * Decides what one observation does to the identity graph, from what the store holds now. Pure:
 * the resolver reads, plans, and commits the plan only if nothing read has changed.
 *
 * The rule: walk the observation's identifiers strongest first (the record's own vendor id, then
 * the other single-valued vendor ids, then email, phone, other ids) and grow one group: every
 * customer owning one of them joins the group (they are one person), unless it holds a different
 * value of a single-valued kind the group already has (two Shopify accounts are two people: a
 * shared household email must not merge them). Such a merge is refused and recorded. The group's
 * oldest customer survives and absorbs the others; unowned identifiers are attached to it, or
 * found a new customer when the group holds none.
 */
import {
  identityKey,
  SINGLE_VALUED_KINDS,
  sortIdentities,
  type Identity,
  type IdentityKind,
  type IdentityObservation,
  type Source,
} from '../../connectors/unified/identity.js';
import { createHash } from 'node:crypto';
import type { CustomerRecord, IdentityConflict, MergeRecord, ResolutionWrite } from '../store/identity-store.js';

/** The identifier kind each source's own records are keyed by. */
const OWN_KIND: Partial<Record<Source, IdentityKind>> = {
  hubspot: 'HUBSPOT',
  shopify: 'SHOPIFY',
  klaviyo: 'KLAVIYO',
  meta: 'META_LEAD',
  'google-ads': 'GCLID',
};

const RANK_OF_KIND: Partial<Record<IdentityKind, number>> = { EMAIL: 2, PHONE: 3 };

function strongestFirst(identities: readonly Identity[], source: Source): Identity[] {
  const rank = (identity: Identity) =>
    identity.kind === OWN_KIND[source] ? 0 : SINGLE_VALUED_KINDS.has(identity.kind) ? 1 : (RANK_OF_KIND[identity.kind] ?? 4);
  // sortIdentities gives a stable order within a rank.
  return sortIdentities(identities).sort((a, b) => rank(a) - rank(b));
}

export interface ResolutionPlan {
  /** The write to commit, with `target` filled in (a new id when `create`). */
  write: ResolutionWrite;
  /** True when committing would change nothing (a replayed observation). */
  unchanged: boolean;
}

export function planResolution(
  observation: Pick<IdentityObservation, 'source' | 'sourceRecordId' | 'observedAt'>,
  identities: readonly Identity[],
  owners: readonly (string | undefined)[],
  records: ReadonlyMap<string, CustomerRecord>,
  newId: (identities: readonly Identity[]) => string,
): ResolutionPlan {
  const ownerOf = new Map(identities.map((identity, i) => [identityKey(identity), owners[i]]));
  const members: string[] = [];
  const free: Identity[] = [];
  const singles = new Map<IdentityKind, string>();
  const linkedBy = new Map<string, Identity[]>();
  const refused = new Map<string, { kind: IdentityKind; linkedBy: Identity[]; free: boolean }>();

  const clash = (candidate: readonly Identity[]): IdentityKind | undefined =>
    candidate.find((i) => SINGLE_VALUED_KINDS.has(i.kind) && singles.has(i.kind) && singles.get(i.kind) !== i.value)?.kind;
  const holdSingles = (candidate: readonly Identity[]) => {
    for (const i of candidate) if (SINGLE_VALUED_KINDS.has(i.kind)) singles.set(i.kind, i.value);
  };

  for (const identity of strongestFirst(identities, observation.source)) {
    const owner = ownerOf.get(identityKey(identity));
    if (owner === undefined) {
      const kind = clash([identity]);
      if (kind) {
        // The observation itself names two values of one single-valued kind: attach neither twice.
        refused.set(`free:${identityKey(identity)}`, { kind, linkedBy: [identity], free: true });
      } else {
        free.push(identity);
        holdSingles([identity]);
      }
      continue;
    }
    if (members.includes(owner)) {
      linkedBy.get(owner)!.push(identity);
      continue;
    }
    const already = refused.get(owner);
    if (already) {
      already.linkedBy.push(identity);
      continue;
    }
    const record = records.get(owner)!;
    const kind = clash(record.identities);
    if (kind) {
      refused.set(owner, { kind, linkedBy: [identity], free: false });
    } else {
      members.push(owner);
      linkedBy.set(owner, [identity]);
      holdSingles(record.identities);
    }
  }

  const memberRecords = members.map((id) => records.get(id)!);
  // The oldest customer survives, so the id people have known longest stays the canonical one.
  const survivor = [...memberRecords].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))[0];
  const create = survivor === undefined;
  const target = survivor?.id ?? newId(free);
  const { source, sourceRecordId, observedAt: at } = observation;

  const absorb = memberRecords
    .filter((record) => record.id !== target)
    .map((record) => {
      const linking = linkedBy.get(record.id)!;
      const merge: MergeRecord = {
        at,
        survivorId: target,
        absorbedId: record.id,
        source,
        sourceRecordId,
        linkedBy: sortIdentities(linking),
        reason: `${source} record ${sourceRecordId} links both through ${kindsOf(linking)}`,
      };
      return { record, merge };
    });

  const conflicts: IdentityConflict[] = [...refused].map(([owner, refusal]) => {
    const customerIds = refusal.free ? [target] : [target, owner];
    const base = {
      at,
      reason: 'KIND_LIMIT' as const,
      kind: refusal.kind,
      customerIds,
      linkedBy: sortIdentities(refusal.linkedBy),
      source,
      sourceRecordId,
    };
    const message = refusal.free
      ? `${source} record ${sourceRecordId} names a second ${refusal.kind} id for ${target}; it was not attached`
      : `Refused to merge ${owner} into ${target}: each holds a different ${refusal.kind} id (linked by ${kindsOf(refusal.linkedBy)} in ${source} record ${sourceRecordId})`;
    return { id: conflictId(base), ...base, message };
  });

  const read = [...members, ...[...refused.keys()].filter((key) => !key.startsWith('free:'))];
  const write: ResolutionWrite = {
    at,
    source,
    expected: read.map((id) => ({ customerId: id, version: records.get(id)!.version })),
    expectedFree: identities.filter((identity) => ownerOf.get(identityKey(identity)) === undefined),
    target,
    create,
    attach: free,
    absorb,
    conflicts,
  };
  const unchanged = !create && absorb.length === 0 && free.length === 0 && conflicts.length === 0 && survivor.sources.includes(source);
  return { write, unchanged };
}

function kindsOf(identities: readonly Identity[]): string {
  return [...new Set(identities.map((i) => i.kind))].join(', ');
}

/** Derived from what conflicted, never from when: a replayed observation names the same conflict. */
function conflictId(conflict: Omit<IdentityConflict, 'id' | 'message' | 'at'> & { at?: string }): string {
  const material = [
    conflict.reason,
    conflict.kind,
    conflict.source,
    conflict.sourceRecordId,
    ...conflict.customerIds,
    ...conflict.linkedBy.map(identityKey),
  ].join('\n');
  return `conf_${createHash('sha256').update(material).digest('hex').slice(0, 24)}`;
}
