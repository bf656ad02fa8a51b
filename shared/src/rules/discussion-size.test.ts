import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addMessage, readThreads, startThread } from '../comments/comment-thread.js'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { PlanDoc } from '../plan-doc.js'
import { checkUpdate } from './check-update.js'
import { MAX_MESSAGE_BYTES } from './discussion-size.js'

const NOW = '2026-11-27T10:00:00.000Z'
const ANCHOR = { measure: 'demand' as const, key: 'SKU-00001' }

/** A server document and a viewer's client, which starts again from the server after a refusal. */
function setUp() {
  const server = createPlanDoc(demoPlan({ skuCount: 2, periodCount: 4, seed: 3 }))
  let clientID = 4242
  const join = () => {
    const plan = new PlanDoc(new Y.Doc())
    plan.doc.clientID = clientID++
    Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(server.doc))
    return plan
  }
  let client = join()
  const send = (change: (plan: PlanDoc) => void) => {
    const before = Y.encodeStateVector(client.doc)
    client.doc.transact(() => change(client))
    const update = Y.encodeStateAsUpdate(client.doc, before)
    const verdict = checkUpdate(server.doc, update, { role: 'viewer', userId: 'vic' })
    if (verdict.ok) Y.applyUpdate(server.doc, update)
    else client = join()
    return verdict
  }
  return { server, send }
}

const runs = (bytes: number, mark: string) =>
  Array.from({ length: Math.ceil(bytes / 10_000) }, (_, i) =>
    mark.repeat(Math.min(10_000, bytes - i * 10_000)),
  )

describe('discussion size', () => {
  it('counts the bytes an update writes into each thread', () => {
    const { send } = setUp()
    const verdict = send((plan) => {
      const body = startThread(
        plan,
        { id: 't1', anchor: ANCHOR, author: 'vic', now: NOW },
        { id: 'm' },
      )
      body.insert(0, 'é'.repeat(1_000))
    })
    expect(verdict.ok).toBe(true)
    if (!verdict.ok) return
    expect(verdict.discussion).toHaveLength(1)
    expect(verdict.discussion[0]).toMatchObject({ root: 'comments', key: 't1' })
    // 2,000 bytes of text, plus the thread's and message's fields.
    expect(verdict.discussion[0].bytes).toBeGreaterThan(2_000)
    expect(verdict.discussion[0].bytes).toBeLessThan(2_400)
  })

  it('refuses a body beyond the limit, formatting included, whether written at once or grown', () => {
    const { send } = setUp()
    const atOnce = send((plan) => {
      const body = startThread(
        plan,
        { id: 'big', anchor: ANCHOR, author: 'vic', now: NOW },
        { id: 'm' },
      )
      for (const run of runs(MAX_MESSAGE_BYTES, 'a')) body.insert(0, run)
    })
    expect(atOnce.ok ? undefined : atOnce.violation).toMatchObject({
      code: 'messageTooLong',
      place: { root: 'comments', key: 'big', field: 'm' },
    })

    const { send: sendAgain } = setUp()
    expect(
      sendAgain((plan) => {
        const body = startThread(
          plan,
          { id: 'g', anchor: ANCHOR, author: 'vic', now: NOW },
          { id: 'm' },
        )
        body.insert(0, 'b'.repeat(15_000))
      }).ok,
    ).toBe(true)
    // Bold on every other character: each format pair is content of its own (about 32 bytes).
    const formatted = sendAgain((plan) => {
      const body = readThreads(plan)[0].messages[0].body
      for (let i = 0; i < 3_600; i += 2) body.format(i, 1, { bold: true })
    })
    expect(formatted.ok ? undefined : formatted.violation.code).toBe('messageTooLong')
    // Another message of the same thread has a budget of its own.
    const second = sendAgain((plan) => {
      const body = addMessage(plan, 'g', { id: 'm2', author: 'vic', now: NOW })
      body.insert(0, 'c'.repeat(15_000))
    })
    expect(second.ok).toBe(true)
  })
})
