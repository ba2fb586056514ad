/**
 * The timeline's writes, each one Lua script so that the views of a customer (the position
 * index, the per-kind indexes, the kinds set, the bodies) never disagree and retention is
 * enforced in the same step as the insert. Layout: redis-timeline-store.ts.
 *
 * Per-kind index keys are derived inside the scripts from a key prefix passed in ARGV, because
 * which kinds an eviction touches is only known inside. All keys of one customer share the hash
 * tag `{customerId}`, so they live in one cluster slot; mergeInto spans two customers and needs a
 * single node (the hub's deployment).
 */

/**
 * Shared by the scripts. Positions are `{24-char UTC ISO}|{id}`, so the id starts at char 26.
 * insert(): dedupe by id (the bodies hash), index the event, then evict the oldest beyond `max`
 * (which is the arrival itself when it is older than everything in a full timeline). Returns 1 when the event was kept
 * and 0 otherwise; `evicted` collects evicted positions so a batch can discount its own.
 */
const HELPERS = `
local function idOf(position) return string.sub(position, 26) end

local function removeEvent(all, kinds, bodies, byPrefix, position)
  local id = idOf(position)
  local body = redis.call('HGET', bodies, id)
  if body then
    local e = cjson.decode(body)
    local kind = e.channel .. ':' .. e.type
    redis.call('ZREM', byPrefix .. kind, position)
    if redis.call('ZCARD', byPrefix .. kind) == 0 then redis.call('SREM', kinds, kind) end
    redis.call('HDEL', bodies, id)
  end
  redis.call('ZREM', all, position)
end

local function insert(all, kinds, bodies, byPrefix, max, id, position, kind, body, evicted)
  if redis.call('HEXISTS', bodies, id) == 1 then return 0 end
  redis.call('HSET', bodies, id, body)
  redis.call('ZADD', all, 0, position)
  redis.call('ZADD', byPrefix .. kind, 0, position)
  redis.call('SADD', kinds, kind)
  -- Evict by rank, never by comparing strings in Lua (its < follows the server's locale).
  if redis.call('ZCARD', all) > max then
    local oldest = redis.call('ZRANGE', all, 0, 0)[1]
    removeEvent(all, kinds, bodies, byPrefix, oldest)
    if oldest == position then return 0 end
    evicted[oldest] = true
  end
  return 1
end
`;

// KEYS: all, kinds, bodies; ARGV: byPrefix, max, then (id, position, kind, body) per event
export const APPEND_SCRIPT = `${HELPERS}
local max = tonumber(ARGV[2])
local evicted = {}
local added = {}
for i = 3, #ARGV, 4 do
  if insert(KEYS[1], KEYS[2], KEYS[3], ARGV[1], max, ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], evicted) == 1 then
    table.insert(added, ARGV[i + 1])
  end
end
local kept = 0
for _, position in ipairs(added) do
  if not evicted[position] then kept = kept + 1 end
end
return kept
`;

// KEYS: absorbed all, kinds, bodies, survivor all, kinds, bodies; ARGV: absorbed byPrefix, survivor byPrefix, max, chunk
// Moves the absorbed customer's newest `chunk` events (newest first: once the survivor is full,
// the rest are too old to keep) and returns how many remain, so a caller loops until 0. Each
// call is atomic; a crash between calls leaves a half-done merge that the next call finishes.
export const MERGE_CHUNK_SCRIPT = `${HELPERS}
local max = tonumber(ARGV[3])
local moving = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[4]) - 1)
local evicted = {}
for _, position in ipairs(moving) do
  local id = idOf(position)
  local body = redis.call('HGET', KEYS[3], id)
  if body then
    local e = cjson.decode(body)
    insert(KEYS[4], KEYS[5], KEYS[6], ARGV[2], max, id, position, e.channel .. ':' .. e.type, body, evicted)
  end
  removeEvent(KEYS[1], KEYS[2], KEYS[3], ARGV[1], position)
end
local remaining = redis.call('ZCARD', KEYS[1])
if remaining == 0 then
  for _, kind in ipairs(redis.call('SMEMBERS', KEYS[2])) do redis.call('DEL', ARGV[1] .. kind) end
  redis.call('DEL', KEYS[2], KEYS[3])
end
return remaining
`;

// KEYS: all, kinds, bodies; ARGV: byPrefix
export const ERASE_SCRIPT = `
for _, kind in ipairs(redis.call('SMEMBERS', KEYS[2])) do redis.call('DEL', ARGV[1] .. kind) end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return 1
`;
