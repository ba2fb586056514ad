/**
 * Redis layout (every key under the configured prefix):
 *   aud:{platform}:cust:{customerId}     hash  audienceId → membership JSON
 *   aud:{platform}:members:{audienceId}  set   customer ids
 *   aud:{platform}:audiences             set   audience ids with at least one member
 *   aud:suppressed                       set   SHA-256 hashes never to upload again
 * Joining and leaving each run as one Lua script, so the two views never disagree and a stale
 * departure (older than the placement) is refused atomically.
 */
import type { Redis } from 'ioredis';
import type { AdPlatform, AudienceMembership, AudienceMembershipLedger } from '../../connectors/unified/contracts.js';
import { byJoinedAt, parseHashes, parseId, parseLeft, parseMembership, parsePlatform } from './audience-membership.js';

// KEYS: customer hash, audience set, platform's audience index; ARGV: audienceId, customerId, membership JSON
const JOIN_SCRIPT = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[3]) == 1 then
  redis.call('SADD', KEYS[2], ARGV[2])
  redis.call('SADD', KEYS[3], ARGV[1])
  return 1
end
return 0
`;

// KEYS: customer hash, audience set, platform's audience index; ARGV: audienceId, customerId, departure instant (UTC ISO)
const LEAVE_SCRIPT = `
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if not stored then return 0 end
local joinedAt = cjson.decode(stored).joinedAt
if ARGV[3] < joinedAt then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[2])
if redis.call('SCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[3], ARGV[1]) end
return 1
`;

type ScriptCommand = (numKeys: number, ...args: string[]) => Promise<number>;

export class RedisAudienceLedger implements AudienceMembershipLedger {
  private readonly joinCommand: ScriptCommand;
  private readonly leaveCommand: ScriptCommand;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    // defineCommand sends EVALSHA and falls back to EVAL once per connection.
    if (!('hubAudienceJoin' in redis)) redis.defineCommand('hubAudienceJoin', { lua: JOIN_SCRIPT });
    if (!('hubAudienceLeave' in redis)) redis.defineCommand('hubAudienceLeave', { lua: LEAVE_SCRIPT });
    const commands = redis as unknown as { hubAudienceJoin: ScriptCommand; hubAudienceLeave: ScriptCommand };
    this.joinCommand = commands.hubAudienceJoin.bind(redis);
    this.leaveCommand = commands.hubAudienceLeave.bind(redis);
  }

  async joined(input: AudienceMembership): Promise<void> {
    const m = parseMembership(input);
    const json = JSON.stringify({
      platform: m.platform,
      audienceId: m.audienceId,
      audienceName: m.audienceName,
      customerId: m.customerId,
      joinedAt: m.joinedAt,
      reason: m.reason,
    });
    await this.joinCommand(3, this.customerKey(m.platform, m.customerId), this.audienceKey(m.platform, m.audienceId), this.indexKey(m.platform), m.audienceId, m.customerId, json);
  }

  async left(platform: AdPlatform, audienceId: string, customerId: string, at: string): Promise<void> {
    const d = parseLeft(platform, audienceId, customerId, at);
    await this.leaveCommand(3, this.customerKey(d.platform, d.customerId), this.audienceKey(d.platform, d.audienceId), this.indexKey(d.platform), d.audienceId, d.customerId, d.at);
  }

  async audiencesOf(platform: AdPlatform, customerId: string): Promise<AudienceMembership[]> {
    const stored = await this.redis.hvals(this.customerKey(parsePlatform(platform), parseId('customer id', customerId)));
    return stored.map((json) => JSON.parse(json) as AudienceMembership).sort(byJoinedAt);
  }

  async membersOf(platform: AdPlatform, audienceId: string): Promise<string[]> {
    const members = await this.redis.smembers(this.audienceKey(parsePlatform(platform), parseId('audience id', audienceId)));
    return members.sort();
  }

  async audiences(platform: AdPlatform): Promise<string[]> {
    return (await this.redis.smembers(this.indexKey(parsePlatform(platform)))).sort();
  }

  async suppress(hashes: readonly string[]): Promise<void> {
    const valid = parseHashes(hashes);
    if (valid.length > 0) await this.redis.sadd(this.suppressedKey(), ...valid);
  }

  async isSuppressed(hashes: readonly string[]): Promise<boolean[]> {
    const valid = parseHashes(hashes);
    if (valid.length === 0) return [];
    const flags = await this.redis.smismember(this.suppressedKey(), ...valid);
    return flags.map((flag) => flag === 1);
  }

  private customerKey(platform: AdPlatform, customerId: string): string {
    return `${this.prefix}aud:${platform}:cust:${customerId}`;
  }

  private audienceKey(platform: AdPlatform, audienceId: string): string {
    return `${this.prefix}aud:${platform}:members:${audienceId}`;
  }

  private indexKey(platform: AdPlatform): string {
    return `${this.prefix}aud:${platform}:audiences`;
  }

  private suppressedKey(): string {
    return `${this.prefix}aud:suppressed`;
  }
}
