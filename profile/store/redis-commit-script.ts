/**
 * The one Lua script every identity write goes through: it checks that nothing the resolver read
 * has changed (customer versions, identifiers seen free), then applies the whole resolution
 * (create, merges, attaches, conflicts), or returns STALE/EXISTS having written nothing.
 * Redis runs a script alone, so two concurrent observations can neither both claim an identifier
 * nor half-apply a merge.
 *
 * Every key is passed in KEYS (the plan in ARGV[1] refers to them by index), so with Redis
 * Cluster the store's keys must share one slot: put the prefix in a hash tag (`{hub}:`).
 *
 * Fixed keys: 1 target hash, 2 target ids, 3 target sources, 4 target merges, 5 target aliases,
 * 6 target conflicts, 7 alias key of the target id, 8 customers zset, 9 pending data merges hash,
 * 10 conflicts zset.
 */
export const COMMIT_SCRIPT = `
local p = cjson.decode(ARGV[1])
for _, c in ipairs(p.versions) do
  local v = redis.call('HGET', KEYS[c[1]], 'v')
  if v ~= c[2] and not (v == false and c[2] == '0' and redis.call('EXISTS', KEYS[c[1]]) == 1) then return 'STALE' end
end
for _, i in ipairs(p.free) do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 'STALE' end
end
if p.create then
  if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[7]) == 1 then return 'EXISTS' end
  redis.call('HSET', KEYS[1], 'createdAt', p.at, 'updatedAt', p.at, 'v', 0)
  redis.call('ZADD', KEYS[8], 0, p.target)
elseif redis.call('EXISTS', KEYS[1]) == 0 then
  return 'STALE'
end
local changed = p.create
local function addAll(cmd, key, members)
  for i = 1, #members, 500 do
    redis.call(cmd, key, unpack(members, i, math.min(i + 499, #members)))
  end
end
for _, a in ipairs(p.absorb) do
  for _, pair in ipairs(a.idx) do
    redis.call('SET', KEYS[pair[1]], p.target)
    redis.call('SADD', KEYS[2], pair[2])
  end
  addAll('SADD', KEYS[3], redis.call('SMEMBERS', KEYS[a.src]))
  addAll('RPUSH', KEYS[4], redis.call('LRANGE', KEYS[a.merges], 0, -1))
  redis.call('RPUSH', KEYS[4], a.merge)
  addAll('SADD', KEYS[5], redis.call('SMEMBERS', KEYS[a.aliases]))
  redis.call('SADD', KEYS[5], a.id)
  addAll('SADD', KEYS[6], redis.call('SMEMBERS', KEYS[a.conflicts]))
  local absorbedCreated = redis.call('HGET', KEYS[a.hash], 'createdAt')
  local targetCreated = redis.call('HGET', KEYS[1], 'createdAt')
  if absorbedCreated and targetCreated and absorbedCreated < targetCreated then
    redis.call('HSET', KEYS[1], 'createdAt', absorbedCreated)
  end
  redis.call('SET', KEYS[a.alias], p.target)
  redis.call('HSET', KEYS[9], a.id, p.target)
  redis.call('ZREM', KEYS[8], a.id)
  for _, i in ipairs(a.unindex) do redis.call('ZREM', KEYS[i], a.id) end
  redis.call('DEL', KEYS[a.hash], KEYS[a.ids], KEYS[a.src], KEYS[a.merges], KEYS[a.aliases], KEYS[a.conflicts])
  changed = true
end
for _, pair in ipairs(p.attach) do
  redis.call('SET', KEYS[pair[1]], p.target)
  redis.call('SADD', KEYS[2], pair[2])
  changed = true
end
if p.source and redis.call('SADD', KEYS[3], p.source) == 1 then changed = true end
if changed then
  redis.call('HINCRBY', KEYS[1], 'v', 1)
  local updated = redis.call('HGET', KEYS[1], 'updatedAt')
  if not updated or p.at > updated then redis.call('HSET', KEYS[1], 'updatedAt', p.at) end
  for _, i in ipairs(p.index) do redis.call('ZADD', KEYS[i], 0, p.target) end
end
for _, c in ipairs(p.conflicts) do
  if redis.call('SET', KEYS[c.key], c.json, 'NX') then redis.call('ZADD', KEYS[10], 0, c.member) end
  for _, i in ipairs(c.sets) do redis.call('SADD', KEYS[i], c.id) end
end
return 'OK'
`;
