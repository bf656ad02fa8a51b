import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SyncAnswers } from './sync-answers.js'

const ROOMY = { bytes: 1e9, bytesPerSecond: 1e9, perAnswer: 1, maxWaitMs: 10_000 }

/** A document with `rows` arrays of 100 numbers written by client 1. */
function planLike(rows: number): { doc: Y.Doc; answers: SyncAnswers } {
  const doc = new Y.Doc()
  doc.clientID = 1
  const answers = new SyncAnswers(doc, ROOMY)
  doc.on('update', (update: Uint8Array) => answers.changed(update))
  doc.transact(() => {
    for (let row = 0; row < rows; row++) {
      const base = new Y.Array<number>()
      base.push(Array.from({ length: 100 }, (_, i) => row * 100 + i))
      doc.getMap('demand').set(`sku-${row}`, base)
    }
  })
  return { doc, answers }
}

function editBy(doc: Y.Doc, clientID: number, key: string, value: number): void {
  const peer = new Y.Doc()
  peer.clientID = clientID
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(peer)
  peer.getMap('edits').set(key, value)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, before))
}

/** Applies an answer the way a client does: updates first, then sync step 2. */
function receive(answer: { updates: Uint8Array[]; step2: Uint8Array }, into = new Y.Doc()): Y.Doc {
  for (const update of answer.updates) Y.applyUpdate(into, update)
  Y.applyUpdate(into, answer.step2)
  return into
}

const EMPTY = Y.encodeStateVector(new Map())

describe('SyncAnswers', () => {
  it('gives newcomers one base and the tail since, which together are the whole document', () => {
    const { doc, answers } = planLike(50)
    answers.answer('u', EMPTY)
    expect(answers.freshEncodings.count).toBe(1)
    for (let i = 0; i < 20; i++) editBy(doc, 100 + i, `k${i}`, i)
    const answer = answers.answer('u', EMPTY)
    expect(answers.freshEncodings.count).toBe(1)
    expect(answer.updates).toHaveLength(1)
    const newcomer = receive(answer)
    expect(newcomer.store.pendingStructs).toBeNull()
    expect(newcomer.getMap('edits').toJSON()).toEqual(doc.getMap('edits').toJSON())
    expect(Y.encodeStateVector(newcomer)).toEqual(Y.encodeStateVector(doc))
  })

  it('encodes the base again once the tail outgrows an eighth of it (or 256 KiB)', () => {
    const { doc, answers } = planLike(2)
    answers.answer('u', EMPTY)
    const big = 'x'.repeat(300 * 1024)
    editBy(doc, 7, 'note', big.length)
    doc.getMap('edits').set('blob', big)
    const answer = answers.answer('u', EMPTY)
    expect(answers.freshEncodings.count).toBe(2)
    expect(answer.updates).toEqual([])
    expect(receive(answer).getMap('edits').get('blob')).toBe(big)
  })

  it('answers state vectors that ask for the same content from one encoding', () => {
    const { doc, answers } = planLike(10)
    editBy(doc, 2, 'a', 1)
    const clock = Y.getState(doc.store, 1)
    const asks = [
      new Map([[1, 50]]),
      new Map([
        [1, 50],
        [999, 7],
      ]),
      new Map([
        [1, 50],
        [2, 0],
      ]),
    ]
    const replies = asks.map((sv) => answers.answer('u', Y.encodeStateVector(sv)))
    expect(answers.freshEncodings.count).toBe(1)
    expect(replies[1].step2).toBe(replies[0].step2)
    expect(replies[2].step2).toBe(replies[0].step2)
    // Clocks beyond the document's are capped: an up-to-date client gets the empty answer.
    answers.answer(
      'u',
      Y.encodeStateVector(
        new Map([
          [1, clock + 1_000],
          [2, 9],
        ]),
      ),
    )
    answers.answer('u', Y.encodeStateVector(doc))
    expect(answers.freshEncodings.count).toBe(2)
  })

  it('makes a user wait for fresh encodings beyond their budget, then refuses; others are not affected', () => {
    const doc = new Y.Doc()
    const answers = new SyncAnswers(doc, {
      bytes: 10_000,
      bytesPerSecond: 1_000,
      perAnswer: 4_000,
      maxWaitMs: 10_000,
    })
    doc.on('update', (update: Uint8Array) => answers.changed(update))
    const turns: string[] = []
    for (let i = 0; i < 12; i++) {
      doc.getMap('m').set(`k${i}`, i)
      const turn = answers.turn('greedy', Y.encodeStateVector(new Map([[doc.clientID, i]])))
      turns.push(turn.kind)
      if (turn.kind !== 'refused') answers.answer('greedy', Y.encodeStateVector(doc), turn.prepaid)
    }
    expect(turns.slice(0, 2)).toEqual(['now', 'now'])
    expect(turns).toContain('wait')
    expect(turns.at(-1)).toBe('refused')
    expect(answers.turn('other', Y.encodeStateVector(new Map([[doc.clientID, 1]]))).kind).toBe(
      'now',
    )
  })

  it('refuses a state vector heavier than the plan could need', () => {
    const { answers } = planLike(1)
    const huge = Y.encodeStateVector(new Map(Array.from({ length: 20_000 }, (_, i) => [i, 1])))
    expect(() => answers.turn('u', huge)).toThrow(/state vector/)
  })
})
