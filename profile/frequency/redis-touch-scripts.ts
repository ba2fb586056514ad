/**
 * The Lua scripts of the Redis touch log. Each runs atomically in Redis, so the caps check and
 * the add of `reserve` cannot interleave with another writer: two campaigns racing for the last
 * slot cannot both win. Each step mirrors a method of MemoryTouchLog (memory-touch-log.ts).
 *
 * KEYS of one customer, in this order (see RedisTouchLog.keys):
 *   1 pending   zset  unconfirmed reservation id → expiresAt
 *   2 rsv       hash  reservation id → reservation JSON
 *   3 idem      hash  idempotency key → reservation id
 *   4 rsvlog    zset  reservation id → reservedAt (drops records past the retention)
 *   5 est       hash  exposure source id → {"channel","count"}
 *   6..13 ch:<CHANNEL> zset  member (t:/r:/e:, touch-members.ts) → epoch ms, CHANNELS order
 * ARGV always starts with: now (epoch ms), retention (ms).
 */
import { CHANNELS } from '../../connectors/unified/event.js';

export const CUSTOMER_KEY_COUNT = 5 + CHANNELS.length;

const PRELUDE = `
local CH = {}
local CHANNELS = {${CHANNELS.map((c) => `'${c}'`).join(',')}}
for i, c in ipairs(CHANNELS) do CH[c] = KEYS[5 + i] end
local function fmt(n) return string.format('%.0f', n) end
local now = tonumber(ARGV[1])
local retention = tonumber(ARGV[2])

-- Expire stale reservations, trim touches and reservation records past the retention.
local function housekeep()
  local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
  for _, id in ipairs(ids) do
    local raw = redis.call('HGET', KEYS[2], id)
    if raw then
      local r = cjson.decode(raw)
      redis.call('ZREM', CH[r.channel], 'r:' .. id)
      r.status = 'EXPIRED'
      redis.call('HSET', KEYS[2], id, cjson.encode(r))
    end
    redis.call('ZREM', KEYS[1], id)
  end
  local cutoff = '(' .. fmt(now - retention)
  for _, c in ipairs(CHANNELS) do redis.call('ZREMRANGEBYSCORE', CH[c], '-inf', cutoff) end
  local old = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', cutoff)
  for _, id in ipairs(old) do
    local raw = redis.call('HGET', KEYS[2], id)
    if raw then
      local key = cjson.decode(raw).idempotencyKey
      if redis.call('HGET', KEYS[3], key) == id then redis.call('HDEL', KEYS[3], key) end
    end
    redis.call('HDEL', KEYS[2], id)
    redis.call('ZREM', KEYS[1], id)
    redis.call('ZREM', KEYS[4], id)
  end
end
housekeep()

-- After a write: a customer nobody touches again leaves no keys behind once everything in them
-- is past the retention (a day of slack for events dated slightly in the future).
local function keepForRetention()
  for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], fmt(retention + 86400000)) end
end
`;

/**
 * ARGV: now, retention, idempotency key, reservation JSON, reservation id, channel, expiresAt,
 * policy count, then per policy: name, windowMs, limit, channel count, channels...
 * Returns {'REPLAYED', json} | {'CAPPED', name, limit, used, resetsAt|'' ...} | {'RESERVED', json}.
 */
export const RESERVE_SCRIPT = `${PRELUDE}
local existing = redis.call('HGET', KEYS[3], ARGV[3])
if existing then return {'REPLAYED', redis.call('HGET', KEYS[2], existing)} end
local hits = {'CAPPED'}
local i = 9
for _ = 1, tonumber(ARGV[8]) do
  local name, window, limit, n = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
  local times = {}
  for c = 1, n do
    local scored = redis.call('ZRANGEBYSCORE', CH[ARGV[i + 3 + c]], '(' .. fmt(now - window), '+inf', 'WITHSCORES')
    for s = 2, #scored, 2 do table.insert(times, tonumber(scored[s])) end
  end
  i = i + 4 + n
  local used = #times
  if used >= limit then
    table.sort(times)
    local leaving = times[math.max(1, used - limit + 1)]
    table.insert(hits, name)
    table.insert(hits, fmt(limit))
    table.insert(hits, fmt(used))
    table.insert(hits, leaving and fmt(leaving + window) or '')
  end
end
if #hits > 1 then return hits end
local id = ARGV[5]
redis.call('ZADD', CH[ARGV[6]], ARGV[1], 'r:' .. id)
redis.call('ZADD', KEYS[1], ARGV[7], id)
redis.call('HSET', KEYS[2], id, ARGV[4])
redis.call('HSET', KEYS[3], ARGV[3], id)
redis.call('ZADD', KEYS[4], ARGV[1], id)
keepForRetention()
return {'RESERVED', ARGV[4]}
`;

/** ARGV: now, retention, 'id' | 'idem', the reservation id or idempotency key. Returns the JSON or nil. */
export const LOOKUP_SCRIPT = `${PRELUDE}
local id = ARGV[4]
if ARGV[3] == 'idem' then id = redis.call('HGET', KEYS[3], ARGV[4]) end
if not id then return false end
return redis.call('HGET', KEYS[2], id)
`;

/** ARGV: now, retention, reservation id. Returns the reservation JSON after the change, or nil. */
export const CONFIRM_SCRIPT = `${PRELUDE}
local raw = redis.call('HGET', KEYS[2], ARGV[3])
if not raw then return false end
local r = cjson.decode(raw)
if r.status == 'PENDING' or r.status == 'EXPIRED' then
  -- A late confirmation counts again: the message went out.
  if r.status == 'EXPIRED' then redis.call('ZADD', CH[r.channel], fmt(r.reservedAt), 'r:' .. r.id) end
  redis.call('ZREM', KEYS[1], r.id)
  r.status = 'CONFIRMED'
  r.confirmedAt = now
  raw = cjson.encode(r)
  redis.call('HSET', KEYS[2], r.id, raw)
  keepForRetention()
end
return raw
`;

/** ARGV: now, retention, reservation id. Returns the reservation JSON after the change, or nil. */
export const RELEASE_SCRIPT = `${PRELUDE}
local raw = redis.call('HGET', KEYS[2], ARGV[3])
if not raw then return false end
local r = cjson.decode(raw)
if r.status == 'PENDING' then
  redis.call('ZREM', CH[r.channel], 'r:' .. r.id)
  redis.call('ZREM', KEYS[1], r.id)
  r.status = 'RELEASED'
  raw = cjson.encode(r)
  redis.call('HSET', KEYS[2], r.id, raw)
end
return raw
`;

/** ARGV: now, retention. Returns {{channel, member, score, ...}, {pending ids}}. */
export const TOUCHES_SCRIPT = `${PRELUDE}
local out = {}
for _, c in ipairs(CHANNELS) do
  local scored = redis.call('ZRANGE', CH[c], 0, -1, 'WITHSCORES')
  for s = 1, #scored, 2 do
    table.insert(out, c)
    table.insert(out, scored[s])
    table.insert(out, scored[s + 1])
  end
end
return {out, redis.call('ZRANGE', KEYS[1], 0, -1)}
`;

/**
 * ARGV: now, retention, event id, channel, at, campaign id ('' when none), match skew (ms).
 * Adds one vendor-reported send; when it fulfils an open reservation (same channel and campaign),
 * the reservation is confirmed and its touch replaced by the send, so the send counts once.
 */
export const RECORD_TOUCH_SCRIPT = `${PRELUDE}
local at = tonumber(ARGV[5])
local key = CH[ARGV[4]]
local member = 't:' .. ARGV[3]
if at < now - retention or redis.call('ZSCORE', key, member) then return 0 end
if ARGV[6] ~= '' then
  local best = nil
  local limit = at + tonumber(ARGV[7])
  for _, raw in ipairs(redis.call('HVALS', KEYS[2])) do
    local r = cjson.decode(raw)
    local open = r.status == 'PENDING' or (r.status == 'CONFIRMED' and r.eventId == nil)
    if open and r.channel == ARGV[4] and r.campaignId == ARGV[6] and r.reservedAt <= limit then
      if best == nil or r.reservedAt < best.reservedAt or (r.reservedAt == best.reservedAt and r.id < best.id) then best = r end
    end
  end
  if best then
    redis.call('ZREM', key, 'r:' .. best.id)
    redis.call('ZREM', KEYS[1], best.id)
    best.status = 'CONFIRMED'
    if best.confirmedAt == nil then best.confirmedAt = at end
    best.eventId = ARGV[3]
    redis.call('HSET', KEYS[2], best.id, cjson.encode(best))
  end
end
redis.call('ZADD', key, ARGV[5], member)
keepForRetention()
return 1
`;

/** ARGV: now, retention, source id, channel, touch times... Replaces the source's earlier touches. */
export const EXPOSURE_SCRIPT = `${PRELUDE}
local source = ARGV[3]
local previous = redis.call('HGET', KEYS[5], source)
if previous then
  local p = cjson.decode(previous)
  for n = 0, p.count - 1 do redis.call('ZREM', CH[p.channel], 'e:' .. source .. ':' .. n) end
end
for j = 5, #ARGV do redis.call('ZADD', CH[ARGV[4]], ARGV[j], 'e:' .. source .. ':' .. (j - 5)) end
redis.call('HSET', KEYS[5], source, cjson.encode({channel = ARGV[4], count = #ARGV - 4}))
keepForRetention()
return 1
`;

/**
 * KEYS: the survivor's customer keys, then the absorbed customer's, then the absorbed customer's
 * merge pointer. ARGV: survivor id. Moves everything, survivor's entries winning clashes, then
 * deletes the absorbed keys and leaves the pointer (reservation ids minted before still resolve).
 * No PRELUDE: it addresses two customers. In Redis Cluster the two customers' keys live in
 * different slots; this script then needs both customers pinned to one node (not done today).
 */
export const MERGE_SCRIPT = `
local N = ${CUSTOMER_KEY_COUNT}
local S = function(i) return KEYS[i] end
local A = function(i) return KEYS[N + i] end
local CHS = {}
for i, c in ipairs({${CHANNELS.map((c) => `'${c}'`).join(',')}}) do CHS[c] = S(5 + i) end
local survivor = ARGV[1]
for c = 6, N do
  local scored = redis.call('ZRANGE', A(c), 0, -1, 'WITHSCORES')
  for s = 1, #scored, 2 do redis.call('ZADD', S(c), 'NX', scored[s + 1], scored[s]) end
end
local rsv = redis.call('HGETALL', A(2))
for j = 1, #rsv, 2 do
  local r = cjson.decode(rsv[j + 1])
  r.customerId = survivor
  redis.call('HSET', S(2), rsv[j], cjson.encode(r))
end
for _, k in ipairs({1, 4}) do
  local scored = redis.call('ZRANGE', A(k), 0, -1, 'WITHSCORES')
  for s = 1, #scored, 2 do redis.call('ZADD', S(k), scored[s + 1], scored[s]) end
end
local idem = redis.call('HGETALL', A(3))
for j = 1, #idem, 2 do redis.call('HSETNX', S(3), idem[j], idem[j + 1]) end
local est = redis.call('HGETALL', A(5))
for j = 1, #est, 2 do
  local own = redis.call('HGET', S(5), est[j])
  if own then
    -- Same platform and window estimated twice for one person now: keep the survivor's.
    local mine, theirs = cjson.decode(own), cjson.decode(est[j + 1])
    for n = mine.count, theirs.count - 1 do redis.call('ZREM', CHS[theirs.channel], 'e:' .. est[j] .. ':' .. n) end
  else
    redis.call('HSET', S(5), est[j], est[j + 1])
  end
end
-- The survivor's keys live as long as the longer-lived of the two customers' keys.
for i = 1, N do
  local ttl = math.max(redis.call('PTTL', S(i)), redis.call('PTTL', A(i)))
  if ttl > 0 and redis.call('EXISTS', S(i)) == 1 then redis.call('PEXPIRE', S(i), ttl) end
end
for i = 1, N do redis.call('DEL', A(i)) end
redis.call('SET', KEYS[2 * N + 1], survivor)
return 1
`;
