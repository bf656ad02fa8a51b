import * as Y from 'yjs'
import { TokenBucket } from './token-bucket.js'

/**
 * How much freshly encoded sync step 2 one user may be sent in one room. Encoding costs about
 * as much as the bytes it writes (some 7 ms per MB here), so the budget is in bytes: each fresh
 * answer costs its size, but at least a 64th of the whole plan's (every answer carries the
 * delete set, which takes a walk over the whole document) and at least `perAnswer`.
 */
export interface SyncAnswerBudget {
  /** Bytes at once, and refilled per second. */
  bytes: number
  bytesPerSecond: number
  perAnswer: number
  /** A request that would wait longer than this for its turn is refused instead (4429). */
  maxWaitMs: number
}

/**
 * The budget when none is configured: 16 MiB at once, then 2 MiB a second, 1 KiB an answer at
 * least. On a 10,000 × 104 plan (10 MB) that is one fresh encoding of the whole plan at once,
 * then one every 5 s, or some 13 small answers a second; answers from the cache cost nothing.
 */
export const DEFAULT_SYNC_ANSWER_BUDGET: Readonly<SyncAnswerBudget> = {
  bytes: 16 * 1024 * 1024,
  bytesPerSecond: 2 * 1024 * 1024,
  perAnswer: 1024,
  maxWaitMs: 10_000,
}

/** The least an answer costs, as a share of the whole plan's encoding. */
const WHOLE_SHARE = 64

/** Cached partial answers kept per document state, and the bytes they may hold together. */
const MAX_PARTIAL_ANSWERS = 8
const MAX_PARTIAL_BYTES = 32 * 1024 * 1024

/** What a state vector is allowed to weigh: 16 bytes per client the plan has, and some slack. */
const STATE_VECTOR_SLACK = 1024

/** The tail is merged into a fresh base once it holds this share of the base's bytes. */
const TAIL_SHARE = 8
const MIN_TAIL_BYTES = 256 * 1024

/** How a sync step 1 is answered: at once, after a wait for the user's budget, or not at all. */
export type SyncAnswerTurn =
  | { kind: 'now'; prepaid: number }
  | { kind: 'wait'; ms: number; prepaid: number }
  | { kind: 'refused' }

/**
 * The answer to one sync step 1: updates to send first (they wait in the client until the
 * base arrives), then sync step 2. Together they hold everything the client is missing.
 */
export interface SyncAnswer {
  updates: Uint8Array[]
  step2: Uint8Array
}

/**
 * Answers sync step 1 for one room without an unbounded encode per message.
 *
 * - A newcomer (a state vector with nothing the document has) gets a **base**, the whole plan
 *   encoded once, plus the **tail** of updates applied since, merged into one. Edits only grow
 *   the tail; the base is encoded again when the tail reaches an eighth of it.
 * - Any other state vector is first clamped to what the document has (unknown clients
 *   dropped, clocks capped), so that vectors asking for the same content share one answer;
 *   a few such answers are cached until the document changes.
 * - Only an answer that is not cached costs an encode, and each user of the room has a budget
 *   of those (`SyncAnswerBudget`).
 */
export class SyncAnswers {
  private base: Uint8Array | null = null
  private tail: Uint8Array[] = []
  private tailBytes = 0
  private wholeBytes = 0
  private readonly partial = new Map<string, Uint8Array>()
  private partialBytes = 0
  private readonly fresh = { count: 0, bytes: 0 }
  private readonly budgets = new Map<string, TokenBucket>()

  constructor(
    private readonly doc: Y.Doc,
    private readonly budget: SyncAnswerBudget,
  ) {}

  /** The document's current state encoded whole, as the loader read it from the store. */
  knowWhole(update: Uint8Array): void {
    this.setBase(update)
  }

  /** About how large an encoding of the whole plan is, before one was made. */
  expectWhole(bytes: number): void {
    this.wholeBytes = Math.max(this.wholeBytes, bytes)
  }

  /** The document applied `update`: it joins the tail, and partial answers are stale. */
  changed(update: Uint8Array): void {
    this.partial.clear()
    this.partialBytes = 0
    if (!this.base) return
    this.tail.push(update)
    this.tailBytes += update.byteLength
    if (this.tailBytes > Math.max(MIN_TAIL_BYTES, this.base.byteLength / TAIL_SHARE)) {
      this.base = null
      this.tail = []
      this.tailBytes = 0
    }
  }

  /**
   * Whether `stateVector` may be answered now, after a wait, or not at all. A cached answer is
   * free; otherwise the user's budget prepays the largest answer (the whole plan, or
   * `perAnswer` if more) and `answer` settles the difference, so that requests waiting at
   * once are each charged in full. Throws on a state vector that cannot be read or weighs
   * more than the plan could need.
   */
  turn(userId: string, stateVector: Uint8Array): SyncAnswerTurn {
    if (this.isCached(this.keyOf(stateVector))) return { kind: 'now', prepaid: 0 }
    const bucket = this.bucketOf(userId)
    const prepaid = Math.max(this.budget.perAnswer, this.wholeBytes)
    if (bucket.wouldWaitMs(prepaid) > this.budget.maxWaitMs) return { kind: 'refused' }
    const ms = bucket.take(prepaid)
    return ms > 0 ? { kind: 'wait', ms, prepaid } : { kind: 'now', prepaid }
  }

  /**
   * What a client with `stateVector` is missing, from the cache or encoded (and cached) now;
   * a fresh encoding is charged to `userId`, less what its turn prepaid (refunded if cached).
   */
  answer(userId: string, stateVector: Uint8Array, prepaid = 0): SyncAnswer {
    const key = this.keyOf(stateVector)
    if (key === '' && this.base) {
      this.refund(userId, prepaid)
      return { updates: this.mergedTail(), step2: this.base }
    }
    const cached = this.partial.get(key)
    if (cached) {
      this.refund(userId, prepaid)
      return { updates: [], step2: cached }
    }
    let step2: Uint8Array
    if (key === '') {
      step2 = Y.encodeStateAsUpdate(this.doc)
      this.setBase(step2)
    } else {
      const clamped = new Map(
        key.split(',').map((pair) => pair.split(':').map(Number) as [number, number]),
      )
      step2 = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(clamped))
      this.keep(key, step2)
    }
    const cost = Math.max(this.budget.perAnswer, this.wholeBytes / WHOLE_SHARE, step2.byteLength)
    this.bucketOf(userId).take(cost - prepaid)
    this.fresh.count++
    this.fresh.bytes += step2.byteLength
    return { updates: [], step2 }
  }

  /** How many answers were encoded afresh, and their bytes, for tests and metrics. */
  get freshEncodings(): { count: number; bytes: number } {
    return { ...this.fresh }
  }

  private setBase(update: Uint8Array): void {
    this.base = update
    this.tail = []
    this.tailBytes = 0
    this.wholeBytes = update.byteLength
  }

  /** The tail as one update (merging a few small updates costs little), or nothing. */
  private mergedTail(): Uint8Array[] {
    if (this.tail.length > 1) this.tail = [Y.mergeUpdates(this.tail)]
    return this.tail
  }

  private isCached(key: string): boolean {
    return key === '' ? this.base !== null : this.partial.has(key)
  }

  private refund(userId: string, prepaid: number): void {
    if (prepaid > 0) this.bucketOf(userId).take(-prepaid)
  }

  private bucketOf(userId: string): TokenBucket {
    let bucket = this.budgets.get(userId)
    if (!bucket) {
      bucket = new TokenBucket(this.budget.bytes, this.budget.bytesPerSecond)
      this.budgets.set(userId, bucket)
    }
    return bucket
  }

  private keep(key: string, answer: Uint8Array): void {
    if (answer.byteLength > MAX_PARTIAL_BYTES) return
    while (
      this.partial.size >= MAX_PARTIAL_ANSWERS ||
      this.partialBytes + answer.byteLength > MAX_PARTIAL_BYTES
    ) {
      const [oldest] = this.partial
      if (!oldest) break
      this.partial.delete(oldest[0])
      this.partialBytes -= oldest[1].byteLength
    }
    this.partial.set(key, answer)
    this.partialBytes += answer.byteLength
  }

  /**
   * The state vector clamped to the document, as a string: '' when the client has nothing the
   * document has (the whole plan is the answer), else `client:clock` pairs in client order.
   */
  private keyOf(stateVector: Uint8Array): string {
    const own = this.doc.store.clients
    if (stateVector.byteLength > 16 * (own.size + STATE_VECTOR_SLACK))
      throw new Error(`a state vector of ${stateVector.byteLength} bytes`)
    const theirs = Y.decodeStateVector(stateVector)
    const pairs: string[] = []
    for (const client of [...own.keys()].sort((a, b) => a - b)) {
      const known = Math.min(theirs.get(client) ?? 0, Y.getState(this.doc.store, client))
      if (known > 0) pairs.push(`${client}:${known}`)
    }
    return pairs.join(',')
  }
}
