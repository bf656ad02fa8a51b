import { createHash } from 'node:crypto'
import type { CommandParser } from 'redis'
import { streamFields } from './redis-codec.js'

/** Stream fields of a log entry, and the meta field that holds the clientID owners. */
export const UPDATE_FIELD = 'u'
export const AUTHOR_FIELD = 'a'
export const TIME_FIELD = 't'
export const OWNERS_FIELD = 'clientOwners'
/** Meta fields: the snapshot's epoch (absent: 0) and the last log entry it covers. */
export const EPOCH_FIELD = 'snapshotEpoch'
export const COMPACTED_FIELD = 'compactedThrough'
/** Meta field: the plan's document epoch (absent: 0). */
export const DOCUMENT_EPOCH_FIELD = 'documentEpoch'
/**
 * Meta field: the id of the last entry ever appended to the log ('' when none yet), kept by the
 * append script so that the feed's notice can say which position its entries follow. Plans
 * created before it was kept lack it until their next append; their notices carry no entries.
 */
export const LAST_SEQ_FIELD = 'lastSeq'
/** The error a guarded append answers when the plan is at another document epoch. */
export const EPOCH_ERROR = 'EPOCH'

/**
 * What node-redis's `defineScript` does (adds the SHA1 that EVALSHA needs), with a return type
 * that can be named outside the redis package, so the declarations stay portable.
 */
function defineScript<S extends { SCRIPT: string }>(script: S): S & { SHA1: string } {
  return { ...script, SHA1: createHash('sha1').update(script.SCRIPT).digest('hex') }
}

/** XRANGE's entries: each an id and its `[field, value]` list. */
type StreamReply = [id: Buffer, fields: Buffer[]][]

/** The snapshot, the meta fields, then XRANGE's entries. */
type LoadReply = [
  snapshot: Buffer,
  meta: [
    owners: Buffer | null,
    epoch: Buffer | null,
    compactedThrough: Buffer | null,
    documentEpoch: Buffer | null,
  ],
  entries: StreamReply,
]

function parseEntries(entries: StreamReply) {
  return entries.map(([id, fields]) => ({ seq: id.toString(), fields: streamFields(fields) }))
}

/** The first ARGV of the append script's (update, author, cells) triples. */
const APPEND_ENTRIES_FROM = 6

/** Lua: whether stream id `a` comes after stream id `b`. */
const STREAM_ID_AFTER = `
  local function after(a, b)
    local am, as = string.match(a, '^(%d+)-(%d+)$')
    local bm, bs = string.match(b, '^(%d+)-(%d+)$')
    if tonumber(am) ~= tonumber(bm) then return tonumber(am) > tonumber(bm) end
    return tonumber(as) > tonumber(bs)
  end`

/**
 * Every Lua script Tandem runs. Each declares every key it touches, so it runs in one slot on
 * Redis Cluster. Lua does not roll back: a script that writes several keys checks everything
 * that could fail before its first write, and undoes its writes if a later one fails anyway.
 */
export const redisScripts = {
  createPlanScript: defineScript({
    NUMBER_OF_KEYS: 3,
    SCRIPT: `
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      redis.call('DEL', KEYS[3])
      redis.call('SET', KEYS[2], ARGV[1])
      redis.call('HSET', KEYS[1], unpack(ARGV, 2))
      return 1`,
    parseCommand(parser: CommandParser, keys: string[], snapshot: Buffer, fields: string[]) {
      parser.pushKeys(keys)
      parser.push(snapshot, ...fields)
    },
    transformReply: (reply: number) => reply === 1,
  }),

  /**
   * Appends each update to the log and, when it set cells, one entry to the history stream.
   * ARGV[2] is the document epoch the append is made for ('' for none): at another epoch,
   * nothing is written and the reply is the error `EPOCH <stored epoch>`. When ARGV[3] names a
   * publish command (`PUBLISH` or `SPUBLISH`), the script also tells the plan's followers on
   * channel ARGV[4]: with the entries themselves, in the format of `append-notice.ts`, when the
   * log knows what they follow and their updates total at most ARGV[5] bytes, else with the new
   * last id. Replies {the last id appended before (nil when unknown), the document epoch, the
   * new ids, 1 when it published}, or nil (no plan).
   */
  appendScript: defineScript({
    NUMBER_OF_KEYS: 3,
    SCRIPT: `
      local function varuint(n)
        local out = {}
        while n >= 128 do
          out[#out + 1] = string.char(128 + n % 128)
          n = math.floor(n / 128)
        end
        out[#out + 1] = string.char(n)
        return table.concat(out)
      end
      local function varstring(s) return varuint(#s) .. s end
      if redis.call('EXISTS', KEYS[1]) == 0 then return false end
      local documentEpoch = tonumber(redis.call('HGET', KEYS[1], '${DOCUMENT_EPOCH_FIELD}') or '0')
      if ARGV[2] ~= '' and tonumber(ARGV[2]) ~= documentEpoch then
        return redis.error_reply('${EPOCH_ERROR} ' .. documentEpoch)
      end
      local previous = redis.call('HGET', KEYS[1], '${LAST_SEQ_FIELD}')
      local ids = {}
      local size = 0
      for i = ${APPEND_ENTRIES_FROM}, #ARGV, 3 do
        local id = redis.call('XADD', KEYS[2], '*', '${UPDATE_FIELD}', ARGV[i], '${AUTHOR_FIELD}', ARGV[i + 1], '${TIME_FIELD}', ARGV[1])
        ids[#ids + 1] = id
        size = size + #ARGV[i]
        if ARGV[i + 2] ~= '' then
          redis.call('XADD', KEYS[3], '*', 's', id, '${AUTHOR_FIELD}', ARGV[i + 1], '${TIME_FIELD}', ARGV[1], 'c', ARGV[i + 2])
        end
      end
      if #ids == 0 then return {previous or false, documentEpoch, ids, 0} end
      redis.call('HSET', KEYS[1], '${LAST_SEQ_FIELD}', ids[#ids])
      if ARGV[3] == '' then return {previous or false, documentEpoch, ids, 0} end
      local message = ids[#ids]
      if previous and size <= tonumber(ARGV[5]) then
        local parts = {string.char(0), varstring(previous), varuint(documentEpoch), varuint(#ids)}
        for k = 1, #ids do
          local i = ${APPEND_ENTRIES_FROM} + 3 * (k - 1)
          parts[#parts + 1] = varstring(ids[k]) .. varstring(ARGV[i + 1]) .. varstring(ARGV[1]) .. varstring(ARGV[i])
        end
        message = table.concat(parts)
      end
      redis.call(ARGV[3], ARGV[4], message)
      return {previous or false, documentEpoch, ids, 1}`,
    parseCommand(
      parser: CommandParser,
      keys: string[],
      at: string,
      documentEpoch: string,
      notice: { command: '' | 'PUBLISH' | 'SPUBLISH'; channel: string; inlineBytes: number },
      entries: (Buffer | string)[],
    ) {
      parser.pushKeys(keys)
      parser.push(at, documentEpoch, notice.command, notice.channel, String(notice.inlineBytes))
      parser.push(...entries)
    },
    transformReply: (reply: [string | null, number, string[], number] | null) =>
      reply && {
        previousSeq: reply[0] ?? undefined,
        documentEpoch: Number(reply[1]),
        ids: reply[2],
        published: reply[3] === 1,
      },
  }),

  /**
   * A new document epoch, compare-and-set: only when the stored document epoch is ARGV[5] − 1,
   * the snapshot epoch is ARGV[3] and the log has no entry after ARGV[4] ('' = none ever), writes
   * the snapshot, the owners and both epochs and trims the whole log. Replies {1, snapshot
   * epoch, document epoch}, {0, stored document epoch, 0 stale | 1 behind}, or nil (no plan).
   */
  changeEpochScript: defineScript({
    NUMBER_OF_KEYS: 3,
    SCRIPT: `${STREAM_ID_AFTER}
      if redis.call('EXISTS', KEYS[1]) == 0 then return false end
      local documentEpoch = tonumber(redis.call('HGET', KEYS[1], '${DOCUMENT_EPOCH_FIELD}') or '0')
      local epoch = tonumber(redis.call('HGET', KEYS[1], '${EPOCH_FIELD}') or '0')
      if documentEpoch ~= tonumber(ARGV[5]) - 1 or epoch ~= tonumber(ARGV[3]) then
        return {0, documentEpoch, 0}
      end
      local start = '-'
      if ARGV[4] ~= '' then start = '(' .. ARGV[4] end
      if #redis.call('XRANGE', KEYS[3], start, '+', 'COUNT', 1) > 0 then return {0, documentEpoch, 1} end
      redis.call('SET', KEYS[2], ARGV[1])
      local through = redis.call('HGET', KEYS[1], '${COMPACTED_FIELD}')
      if ARGV[4] ~= '' and (not through or after(ARGV[4], through)) then through = ARGV[4] end
      redis.call('HSET', KEYS[1], '${OWNERS_FIELD}', ARGV[2], '${EPOCH_FIELD}', epoch + 1, '${DOCUMENT_EPOCH_FIELD}', ARGV[5])
      if through then redis.call('HSET', KEYS[1], '${COMPACTED_FIELD}', through) end
      redis.call('XTRIM', KEYS[3], 'MAXLEN', 0)
      return {1, epoch + 1, tonumber(ARGV[5])}`,
    parseCommand(
      parser: CommandParser,
      keys: string[],
      snapshot: Buffer,
      change: { owners: string; basedOnEpoch: number; throughSeq: string; documentEpoch: number },
    ) {
      parser.pushKeys(keys)
      parser.push(
        snapshot,
        change.owners,
        String(change.basedOnEpoch),
        change.throughSeq,
        String(change.documentEpoch),
      )
    },
    transformReply: (reply: [written: number, first: number, second: number] | null) => reply,
  }),

  /**
   * Compare-and-set on the snapshot's epoch: writes the snapshot, the owners and what it covers,
   * and trims the log, only when the stored epoch is ARGV[4]. Replies {1, new epoch} when
   * written, {0, stored epoch} when not, nil when the plan is missing.
   */
  compactScript: defineScript({
    NUMBER_OF_KEYS: 3,
    SCRIPT: `${STREAM_ID_AFTER}
      if redis.call('EXISTS', KEYS[1]) == 0 then return false end
      local epoch = tonumber(redis.call('HGET', KEYS[1], '${EPOCH_FIELD}') or '0')
      if epoch ~= tonumber(ARGV[4]) then return {0, epoch} end
      local through = redis.call('HGET', KEYS[1], '${COMPACTED_FIELD}')
      if not through or after(ARGV[5], through) then through = ARGV[5] end
      redis.call('SET', KEYS[2], ARGV[1])
      redis.call('HSET', KEYS[1], '${OWNERS_FIELD}', ARGV[3], '${EPOCH_FIELD}', epoch + 1, '${COMPACTED_FIELD}', through)
      redis.call('XTRIM', KEYS[3], 'MINID', ARGV[2])
      return {1, epoch + 1}`,
    parseCommand(
      parser: CommandParser,
      keys: string[],
      snapshot: Buffer,
      compaction: { minId: string; owners: string; basedOnEpoch: number; throughSeq: string },
    ) {
      parser.pushKeys(keys)
      parser.push(
        snapshot,
        compaction.minId,
        compaction.owners,
        String(compaction.basedOnEpoch),
        compaction.throughSeq,
      )
    },
    transformReply: (reply: [written: number, epoch: number] | null) =>
      reply && { written: reply[0] === 1, epoch: reply[1] },
  }),

  /**
   * One page of the log after a position, with what the snapshot covers, read together so a
   * follower can tell a gap (entries trimmed before it read them) from an empty log.
   */
  readLogScript: defineScript({
    NUMBER_OF_KEYS: 2,
    SCRIPT: `
      return {redis.call('HGET', KEYS[1], '${COMPACTED_FIELD}'), redis.call('XRANGE', KEYS[2], ARGV[1], ARGV[3], 'COUNT', ARGV[2]), redis.call('HGET', KEYS[1], '${DOCUMENT_EPOCH_FIELD}')}`,
    parseCommand(parser: CommandParser, keys: string[], start: string, count: number, end: string) {
      parser.pushKeys(keys)
      parser.push(start, String(count), end)
    },
    transformReply: (
      reply: [compactedThrough: Buffer | null, entries: StreamReply, documentEpoch?: Buffer | null],
    ) => ({
      compactedThrough: reply[0]?.toString(),
      entries: parseEntries(reply[1]),
      documentEpoch: Number(reply[2]?.toString() ?? '0'),
    }),
  }),

  /**
   * One script, so no compaction falls between reading the snapshot and the log. Not MULTI:
   * node-redis 6.3 decodes EXEC's reply without the Buffer mapping, which mangles binary values.
   */
  loadScript: defineScript({
    NUMBER_OF_KEYS: 3,
    SCRIPT: `
      local snapshot = redis.call('GET', KEYS[1])
      if not snapshot then return false end
      local meta = redis.call('HMGET', KEYS[3], '${OWNERS_FIELD}', '${EPOCH_FIELD}', '${COMPACTED_FIELD}', '${DOCUMENT_EPOCH_FIELD}')
      return {snapshot, meta, redis.call('XRANGE', KEYS[2], '-', '+')}`,
    parseCommand(parser: CommandParser, keys: string[]) {
      parser.pushKeys(keys)
    },
    transformReply: (reply: LoadReply | null) =>
      reply && {
        snapshot: reply[0],
        owners: reply[1][0],
        epoch: Number(reply[1][1]?.toString() ?? '0'),
        compactedThrough: reply[1][2]?.toString(),
        documentEpoch: Number(reply[1][3]?.toString() ?? '0'),
        updates: parseEntries(reply[2]),
      },
  }),

  /** Stores a version unless its id is taken; versions are immutable. */
  createVersionScript: defineScript({
    NUMBER_OF_KEYS: 3,
    SCRIPT: `
      if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
      if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 0 end
      redis.call('SET', KEYS[3], ARGV[3])
      return 1`,
    parseCommand(
      parser: CommandParser,
      keys: string[],
      id: string,
      record: string,
      snapshot: Buffer,
    ) {
      parser.pushKeys(keys)
      parser.push(id, record, snapshot)
    },
    transformReply: (reply: number) => reply,
  }),

  /** Keeps a version's accuracy extract: -1 without the plan, 0 without the version. */
  saveAccuracyExtractScript: defineScript({
    NUMBER_OF_KEYS: 3,
    SCRIPT: `
      if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
      if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return 0 end
      redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
      return 1`,
    parseCommand(parser: CommandParser, keys: string[], id: string, extract: Buffer) {
      parser.pushKeys(keys)
      parser.push(id, extract)
    },
    transformReply: (reply: number) => reply,
  }),

  /** Adds a scenario record and its branch snapshot under an existing base plan. */
  createScenarioScript: defineScript({
    NUMBER_OF_KEYS: 3,
    SCRIPT: `
      if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
      if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 0 end
      redis.call('SET', KEYS[3], ARGV[3])
      return 1`,
    parseCommand(
      parser: CommandParser,
      keys: string[],
      id: string,
      record: string,
      snapshot: Buffer,
    ) {
      parser.pushKeys(keys)
      parser.push(id, record, snapshot)
    },
    transformReply: (reply: number) => reply,
  }),

  /** Replaces a scenario record only if it is still the one the caller read (compare-and-set). */
  replaceScenarioScript: defineScript({
    NUMBER_OF_KEYS: 1,
    SCRIPT: `
      if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
      return 1`,
    parseCommand(parser: CommandParser, key: string, id: string, expected: string, next: string) {
      parser.pushKey(key)
      parser.push(id, expected, next)
    },
    transformReply: (reply: number) => reply,
  }),

  /** Moves a user's read mark of a thread forward (ISO times compare as strings). */
  readMarkScript: defineScript({
    NUMBER_OF_KEYS: 2,
    SCRIPT: `
      if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
      local current = redis.call('HGET', KEYS[2], ARGV[1])
      if current and current >= ARGV[2] then return 0 end
      redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
      return 1`,
    parseCommand(parser: CommandParser, keys: string[], field: string, at: string) {
      parser.pushKeys(keys)
      parser.push(field, at)
    },
    transformReply: (reply: number) => reply,
  }),

  /** Marks inbox items read (HSET) or unread (HDEL) if the plan exists: -1 when it does not. */
  inboxReadsScript: defineScript({
    NUMBER_OF_KEYS: 2,
    SCRIPT: `
      if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
      for i = 2, #ARGV do
        if ARGV[1] == '1' then redis.call('HSET', KEYS[2], ARGV[i], '1')
        else redis.call('HDEL', KEYS[2], ARGV[i]) end
      end
      return 1`,
    parseCommand(parser: CommandParser, keys: string[], read: boolean, fields: string[]) {
      parser.pushKeys(keys)
      parser.push(read ? '1' : '0', ...fields)
    },
    transformReply: (reply: number) => reply,
  }),

  /**
   * Counts a hit in a rate window: INCR, an expiry set only by the hit that opens the window,
   * and the time left, on one key. A script rather than MULTI, because the cluster client's
   * MULTI is a different type and the stores send the same calls to both clients.
   */
  rateHitScript: defineScript({
    NUMBER_OF_KEYS: 1,
    SCRIPT: `
      local count = redis.call('INCR', KEYS[1])
      if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      return {count, redis.call('PTTL', KEYS[1])}`,
    parseCommand(parser: CommandParser, key: string, windowMs: number) {
      parser.pushKey(key)
      parser.push(String(windowMs))
    },
    transformReply: (reply: [number, number]) => reply,
  }),

  /**
   * Writes a user, its email claim and its index entry, or nothing: 1 when created, 0 when the
   * email or the id is taken. KEYS: users set, user hash, email string; ARGV: id, then fields.
   */
  createUserScript: defineScript({
    NUMBER_OF_KEYS: 3,
    SCRIPT: `
      local kinds = {'set', 'hash', 'string'}
      for i = 1, 3 do
        local kind = redis.call('TYPE', KEYS[i]).ok
        if kind ~= 'none' and kind ~= kinds[i] then
          return redis.error_reply('WRONGTYPE ' .. KEYS[i] .. ' holds a ' .. kind)
        end
      end
      if redis.call('EXISTS', KEYS[3]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
      redis.call('HSET', KEYS[2], unpack(ARGV, 2))
      local indexed = redis.pcall('SADD', KEYS[1], ARGV[1])
      if type(indexed) == 'table' and indexed.err then
        redis.call('DEL', KEYS[2])
        return indexed
      end
      local claimed = redis.pcall('SET', KEYS[3], ARGV[1])
      if type(claimed) == 'table' and claimed.err then
        redis.call('DEL', KEYS[2])
        redis.call('SREM', KEYS[1], ARGV[1])
        return claimed
      end
      return 1`,
    parseCommand(parser: CommandParser, keys: string[], id: string, fields: string[]) {
      parser.pushKeys(keys)
      parser.push(id, ...fields)
    },
    transformReply: (reply: number) => reply === 1,
  }),

  /**
   * Sets the given fields of an existing user and returns all of its fields, or nil when there
   * is no such user. One key, one script: concurrent patches never lose each other's fields.
   */
  updateUserScript: defineScript({
    NUMBER_OF_KEYS: 1,
    SCRIPT: `
      if redis.call('EXISTS', KEYS[1]) == 0 then return false end
      if #ARGV > 0 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
      return redis.call('HGETALL', KEYS[1])`,
    parseCommand(parser: CommandParser, key: string, fields: string[]) {
      parser.pushKey(key)
      parser.push(...fields)
    },
    transformReply: (reply: string[] | Record<string, string> | null) => reply,
  }),
  /** Adds one to an existing user's session version; nil when there is no such user. */
  bumpSessionVersionScript: defineScript({
    NUMBER_OF_KEYS: 1,
    SCRIPT: `
      if redis.call('EXISTS', KEYS[1]) == 0 then return false end
      return redis.call('HINCRBY', KEYS[1], 'sessionVersion', 1)`,
    parseCommand(parser: CommandParser, key: string) {
      parser.pushKey(key)
    },
    transformReply: (reply: number | null) => reply,
  }),
}
