import { afterEach, describe, expect, it } from 'vitest'
import type { AppDeps } from '@tandem/server'
import {
  addMessage,
  CLOSE_CODES,
  MAX_MESSAGE_BYTES,
  readThreads,
  startThread,
} from '@tandem/shared'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import { RawSyncClient } from './support/raw-sync-client.js'
import { materializeStoredPlan } from './support/stored-plan.js'
import { PlanDoc } from '@tandem/shared'

/** Text of `bytes` ASCII characters, in runs short enough for the per-run rule (20,000). */
function textOf(bytes: number, mark: string): string[] {
  const runs: string[] = []
  for (let left = bytes; left > 0; left -= 10_000) runs.push(mark.repeat(Math.min(10_000, left)))
  return runs
}

describe('discussion size: per message and per user per plan', () => {
  let server: TestServer | undefined
  let cleanup: (() => Promise<void>) | undefined

  afterEach(async () => {
    await server?.close()
    await cleanup?.()
    server = undefined
  })

  async function start(options: Partial<AppDeps>) {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store, options)
    const planId = await createPlan(server, { skuCount: 3, periodCount: 4 })
    return { server, planId }
  }

  /** Connects as `account` and writes one new thread whose first message holds `bytes` of text. */
  async function comment(account: TestAccount, planId: string, threadId: string, bytes: number) {
    const client = await RawSyncClient.connect(server!.syncUrl, planId, {
      token: server!.tokens[account],
    })
    client.sendUpdate(
      client.edit((plan) => {
        const anchor = { measure: 'demand' as const, key: plan.listSkus()[0] }
        const now = new Date().toISOString()
        const author = server!.users[account].id
        const body = startThread(plan, { id: threadId, anchor, author, now }, { id: 'm' })
        // Runs inserted at the start each become their own struct, as typing in pieces does.
        for (const run of textOf(bytes, threadId[0])) body.insert(0, run)
      }),
    )
    const verdict = await client.verdict(client.savedCount)
    client.close()
    return { verdict, client }
  }

  it('refuses a message body beyond 64 KiB, at once or grown over several updates', async () => {
    const { server, planId } = await start({})
    const big = await comment('viewer', planId, 'big', MAX_MESSAGE_BYTES + 1_000)
    expect(big.verdict).toEqual({
      kind: 'rejected',
      code: 'messageTooLong',
      closeCode: CLOSE_CODES.updateRejected,
    })
    const rejected = big.client.extensions.find((m) => m.type === 'rejected')
    expect(rejected?.type === 'rejected' && rejected.reason).toMatch(/Message m of thread big/)

    expect((await comment('viewer', planId, 'grows', 40_000)).verdict.kind).toBe('accepted')
    const author = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    author.sendUpdate(
      author.edit((plan) => {
        const thread = readThreads(plan).find((t) => t.id === 'grows')!
        for (const run of textOf(30_000, 'x')) thread.messages[0].body.insert(0, run)
      }),
    )
    expect(await author.verdict(0)).toEqual({
      kind: 'rejected',
      code: 'messageTooLong',
      closeCode: CLOSE_CODES.updateRejected,
    })
    // A second message in the same thread is a body of its own.
    const again = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    again.sendUpdate(
      again.edit((plan) => {
        const now = new Date().toISOString()
        const body = addMessage(plan, 'grows', {
          id: 'm2',
          author: server.users.viewer.id,
          now,
        })
        for (const run of textOf(30_000, 'y')) body.insert(0, run)
      }),
    )
    expect((await again.verdict(0)).kind).toBe('accepted')
    const stored = new PlanDoc(await materializeStoredPlan(server.store.log, planId))
    const threads = readThreads(stored)
    expect(threads.map((t) => t.id)).toEqual(['grows'])
    expect(threads[0].messages.map((m) => m.body.length).sort()).toEqual([30_000, 40_000])
    again.close()
  })

  it("refuses a user's discussion beyond the hourly quota, naming the thread, and loses nothing else", async () => {
    const { server, planId } = await start({ discussionBytesPerHour: 200_000 })
    const verdicts: string[] = []
    let refused: RawSyncClient | undefined
    for (let i = 0; i < 8 && !refused; i++) {
      const { verdict, client } = await comment('sales', planId, `t${i}`, 40_000)
      verdicts.push(verdict.kind === 'rejected' ? verdict.code : verdict.kind)
      if (verdict.kind === 'rejected') refused = client
    }
    console.log(
      `[security] 40 KB comments against a 200,000-byte hourly quota: ${verdicts.join(', ')}`,
    )
    expect(verdicts.slice(0, 4)).toEqual(['accepted', 'accepted', 'accepted', 'accepted'])
    expect(verdicts.at(-1)).toBe('discussionQuota')
    const rejected = refused!.extensions.find((m) => m.type === 'rejected')
    const last = `t${verdicts.length - 1}`
    expect(rejected?.type === 'rejected' && rejected.reason).toContain(`thread ${last}`)
    expect(rejected?.type === 'rejected' && rejected.places).toEqual([
      { root: 'comments', key: last },
    ])

    // Nothing else is lost: the user's cells still save, others still comment, and the
    // accepted threads are stored.
    const sales = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.sales,
    })
    const sku = sales.plan.listSkus()[0]
    sales.sendUpdate(sales.edit((plan) => plan.writeCell('demand', sku, 2, 77)))
    expect((await sales.verdict(0)).kind).toBe('accepted')
    expect((await comment('planner', planId, 'planner-note', 40_000)).verdict.kind).toBe('accepted')
    const stored = new PlanDoc(await materializeStoredPlan(server.store.log, planId))
    expect(stored.readCell('demand', sku, 2)).toBe(77)
    expect(
      readThreads(stored)
        .map((t) => t.id)
        .sort(),
    ).toEqual([...verdicts.slice(0, -1).map((_, i) => `t${i}`), 'planner-note'].sort())
    sales.close()
  })
})
