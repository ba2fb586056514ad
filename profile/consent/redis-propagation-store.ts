/**
 * Redis layout (under the configured prefix):
 *   prop:{id}              hash    request → JSON, dispatched → 0|1, v:{vendor} → VendorPropagation JSON
 *   prop:{id}:subject      string  the erasure subject JSON, until every vendor confirmed
 *   props:{customerId}     zset    the customer's consent propagation ids by request time
 * Vendor updates run as Lua so a late duplicate try cannot turn a confirmed vendor back to pending.
 */
import type { Redis } from 'ioredis';
import type { VendorName, WriteBackSubject } from '../../connectors/unified/contracts.js';
import { byVendorOrder, type Propagation, type PropagationRequest, type PropagationStore, type VendorPropagation } from './propagation-store.js';

// KEYS: prop hash; ARGV: at, vendors... Names vendors not named yet, only on a propagation that exists.
const DISPATCH_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], 'request') == 0 then return 0 end
for i = 2, #ARGV do
  redis.call('HSETNX', KEYS[1], 'v:' .. ARGV[i], cjson.encode({vendor = ARGV[i], state = 'pending', attempts = 0, updatedAt = ARGV[1]}))
end
redis.call('HSET', KEYS[1], 'dispatched', '1')
return 1
`;

// KEYS: prop hash; ARGV: field, JSON, new state.
const UPDATE_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
if ARGV[3] == 'pending' then
  local state = cjson.decode(current).state
  if state == 'applied' or state == 'not_held' then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

export class RedisPropagationStore implements PropagationStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async begin(request: PropagationRequest, subject?: WriteBackSubject): Promise<void> {
    const created = await this.redis.hsetnx(this.key(request.id), 'request', JSON.stringify(request));
    if (!created) return;
    const multi = this.redis.multi().hset(this.key(request.id), 'dispatched', '0');
    if (request.kind === 'consent') multi.zadd(this.customerKey(request.customerId), Date.parse(request.requestedAt), request.id);
    if (subject) multi.set(`${this.key(request.id)}:subject`, JSON.stringify(subject));
    await multi.exec();
  }

  async dispatch(id: string, vendors: readonly VendorName[], at: string): Promise<void> {
    await this.redis.eval(DISPATCH_SCRIPT, 1, this.key(id), at, ...vendors);
  }

  async update(id: string, progress: VendorPropagation): Promise<void> {
    await this.redis.eval(UPDATE_SCRIPT, 1, this.key(id), `v:${progress.vendor}`, JSON.stringify(progress), progress.state);
  }

  async get(id: string): Promise<Propagation | undefined> {
    return this.parse(await this.redis.hgetall(this.key(id)));
  }

  async ofCustomer(customerId: string, limit: number): Promise<Propagation[]> {
    const ids = await this.redis.zrevrange(this.customerKey(customerId), 0, limit - 1);
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.key(id));
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([error, hash]) => {
      if (error) throw error;
      const p = this.parse(hash as Record<string, string>);
      return p ? [p] : [];
    });
  }

  async subjectOf(id: string): Promise<WriteBackSubject | undefined> {
    const json = await this.redis.get(`${this.key(id)}:subject`);
    return json ? (JSON.parse(json) as WriteBackSubject) : undefined;
  }

  async dropSubject(id: string): Promise<void> {
    await this.redis.del(`${this.key(id)}:subject`);
  }

  /** Moves the absorbed customer's consent propagations to the survivor (idempotent: a re-run finds nothing left). */
  async mergeInto(survivorId: string, absorbedId: string): Promise<void> {
    if (survivorId === absorbedId) return;
    const entries = await this.redis.zrange(this.customerKey(absorbedId), 0, -1, 'WITHSCORES');
    for (let i = 0; i < entries.length; i += 2) {
      const id = entries[i]!;
      const json = await this.redis.hget(this.key(id), 'request');
      if (json) await this.redis.hset(this.key(id), 'request', JSON.stringify({ ...(JSON.parse(json) as PropagationRequest), customerId: survivorId }));
      await this.redis.zadd(this.customerKey(survivorId), entries[i + 1]!, id);
    }
    await this.redis.del(this.customerKey(absorbedId));
  }

  async erase(customerId: string): Promise<void> {
    const ids = await this.redis.zrange(this.customerKey(customerId), 0, -1);
    await this.redis.del(this.customerKey(customerId), ...ids.flatMap((id) => [this.key(id), `${this.key(id)}:subject`]));
  }

  private parse(hash: Record<string, string>): Propagation | undefined {
    if (!hash.request) return undefined;
    const vendors = Object.entries(hash)
      .filter(([field]) => field.startsWith('v:'))
      .map(([, json]) => JSON.parse(json) as VendorPropagation)
      .sort(byVendorOrder);
    return { ...(JSON.parse(hash.request) as PropagationRequest), dispatched: hash.dispatched === '1', vendors };
  }

  private key(id: string): string {
    return `${this.prefix}prop:${id}`;
  }

  private customerKey(customerId: string): string {
    return `${this.prefix}props:${customerId}`;
  }
}
