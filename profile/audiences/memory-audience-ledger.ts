import type { AdPlatform, AudienceMembership, AudienceMembershipLedger } from '../../connectors/unified/contracts.js';
import { byJoinedAt, parseHashes, parseId, parseLeft, parseMembership, parsePlatform } from './audience-membership.js';

/** The embedded-mode audience ledger. Single-threaded JS makes each method atomic. */
export class MemoryAudienceLedger implements AudienceMembershipLedger {
  /** `{platform}:{customerId}` → audienceId → membership. */
  private readonly byCustomer = new Map<string, Map<string, AudienceMembership>>();
  /** `{platform}:{audienceId}` → customer ids. */
  private readonly byAudience = new Map<string, Set<string>>();
  private readonly suppressed = new Set<string>();

  async joined(input: AudienceMembership): Promise<void> {
    const membership = parseMembership(input);
    const memberships = this.customerMap(membership.platform, membership.customerId, true);
    // The first placement answers "when and why": joining again while a member changes nothing.
    if (memberships.has(membership.audienceId)) return;
    memberships.set(membership.audienceId, membership);
    const audienceKey = `${membership.platform}:${membership.audienceId}`;
    const members = this.byAudience.get(audienceKey) ?? new Set<string>();
    members.add(membership.customerId);
    this.byAudience.set(audienceKey, members);
  }

  async left(platform: AdPlatform, audienceId: string, customerId: string, at: string): Promise<void> {
    const departure = parseLeft(platform, audienceId, customerId, at);
    const memberships = this.customerMap(departure.platform, departure.customerId, false);
    const membership = memberships?.get(departure.audienceId);
    // A departure older than the placement it would undo is stale (it arrived out of order).
    if (!memberships || !membership || departure.at < membership.joinedAt) return;
    memberships.delete(departure.audienceId);
    if (memberships.size === 0) this.byCustomer.delete(`${departure.platform}:${departure.customerId}`);
    const audienceKey = `${departure.platform}:${departure.audienceId}`;
    const members = this.byAudience.get(audienceKey);
    members?.delete(departure.customerId);
    if (members?.size === 0) this.byAudience.delete(audienceKey);
  }

  async audiencesOf(platform: AdPlatform, customerId: string): Promise<AudienceMembership[]> {
    const memberships = this.customerMap(parsePlatform(platform), parseId('customer id', customerId), false);
    return [...(memberships?.values() ?? [])].map((m) => ({ ...m })).sort(byJoinedAt);
  }

  async membersOf(platform: AdPlatform, audienceId: string): Promise<string[]> {
    const key = `${parsePlatform(platform)}:${parseId('audience id', audienceId)}`;
    return [...(this.byAudience.get(key) ?? [])].sort();
  }

  async audiences(platform: AdPlatform): Promise<string[]> {
    const prefix = `${parsePlatform(platform)}:`;
    // byAudience drops an audience's key when its last member leaves, so every key listed has members.
    return [...this.byAudience.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)).sort();
  }

  async suppress(hashes: readonly string[]): Promise<void> {
    for (const hash of parseHashes(hashes)) this.suppressed.add(hash);
  }

  async isSuppressed(hashes: readonly string[]): Promise<boolean[]> {
    return parseHashes(hashes).map((hash) => this.suppressed.has(hash));
  }

  private customerMap(platform: AdPlatform, customerId: string, create: true): Map<string, AudienceMembership>;
  private customerMap(platform: AdPlatform, customerId: string, create: false): Map<string, AudienceMembership> | undefined;
  private customerMap(platform: AdPlatform, customerId: string, create: boolean) {
    const key = `${platform}:${customerId}`;
    let memberships = this.byCustomer.get(key);
    if (!memberships && create) {
      memberships = new Map();
      this.byCustomer.set(key, memberships);
    }
    return memberships;
  }
}
