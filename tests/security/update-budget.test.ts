import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { AppDeps } from '@tandem/server'
import { CLOSE_CODES } from '@tandem/shared'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import { reportProbe, startHonestProbe } from './support/honest-probe.js'
import { RawSyncClient, encodeSyncUpdate } from './support/raw-sync-client.js'
import { waitUntil } from './support/wait-until.js'

// Both tests run on the default update budget (DEFAULT_UPDATE_BUDGET): the honest writer shows
// that it is wide enough for a script, the flood that it still stops one.
describe('updates are limited by what they cost, per user', () => {
  let server: TestServer | undefined
  let cleanup: (() => Promise<void>) | undefined

  afterEach(async () => {
    await server?.close()
    await cleanup?.()
    server = undefined
    cleanup = undefined
  })

  async function start(
    plan: { skuCount: number; periodCount: number },
    options: Partial<AppDeps> = {},
  ) {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store, { restRateLimit: 100_000, ...options })
    const planId = await createPlan(server, plan)
    const room = await server.app.rooms.open(planId)
    const skus = [...room!.doc.getMap('items').keys()].sort()
    server.app.rooms.release(room!)
    return { server, planId, skus }
  }

  it('lets one writer send 1,000 single-cell edits a second for 6 s without closing it, and saves every last value', async () => {
    const { server, planId, skus } = await start({ skuCount: 4, periodCount: 8 })
    const writer = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.planner,
      clientId: 1001,
    })
    const RATE = 1_000
    // 6 s: the old limit (500 messages a second per socket, 2,000 at once) closed it after 4 s.
    const TOTAL = 6_000
    // Each edit writes one of 32 cells, so each cell is overwritten about 190 times: a merge
    // would keep only the last of them, a close would lose the ones after it.
    const cells = skus.flatMap((sku) => Array.from({ length: 8 }, (_, period) => ({ sku, period })))
    const lastSent = new Map<string, number>()
    let sent = 0
    let editBytes = 0
    const started = Date.now()
    while (sent < TOTAL) {
      const due = Math.min(TOTAL, Math.floor(((Date.now() - started) / 1000) * RATE) + 1)
      for (; sent < due; sent++) {
        const { sku, period } = cells[sent % cells.length]
        const value = 10_000 + sent
        const update = writer.edit((plan) => plan.writeCell('demand', sku, period, value))
        editBytes = encodeSyncUpdate(update).byteLength
        writer.sendUpdate(update)
        lastSent.set(`${sku}/${period}`, value)
      }
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const sendMs = Date.now() - started
    const finalClock = Y.encodeStateVector(writer.doc)
    const savedAll = () => {
      const last = writer.extensions.findLast((m) => m.type === 'saved')
      if (last?.type !== 'saved') return false
      const saved = Y.decodeStateVector(last.stateVector).get(1001) ?? 0
      return saved >= (Y.decodeStateVector(finalClock).get(1001) ?? 0)
    }
    await waitUntil(() => savedAll() || !writer.isOpen, 30_000, 'the last edit to be saved')
    expect(writer.closeEvent).toBeUndefined()
    expect(savedAll()).toBe(true)
    const savedMessages = writer.savedCount
    writer.close()

    // What the store holds, read by a fresh client: every cell has the last value sent to it.
    const reader = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    const wrong = [...lastSent].filter(([cell, value]) => {
      const [sku, period] = cell.split('/')
      return reader.plan.readCell('demand', sku, Number(period)) !== value
    })
    reader.close()
    console.log(
      `[security] ${TOTAL} single-cell edits (${editBytes} bytes each) sent in ${sendMs} ms by one writer: not closed, ` +
        `${savedMessages} saved messages, ${lastSent.size - wrong.length}/${lastSent.size} cells hold the last value sent`,
    )
    expect(wrong).toEqual([])
    expect(savedMessages).toBeGreaterThan(0)
  })

  it('slows a flood of 10,000-cell pastes down, then closes it with 4431, while an honest user keeps saving', async () => {
    // 101 × 100: the flooder pastes into the last 100 SKUs, the honest user writes the first.
    const { server, planId, skus } = await start({ skuCount: 101, periodCount: 100 })
    const [honestSku, ...floodSkus] = skus
    const probe = await startHonestProbe(server, planId, honestSku, 100)
    const flooder = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.admin,
      clientId: 2002,
    })
    const PASTES = 80
    let pasteBytes = 0
    for (let paste = 0; paste < PASTES && flooder.isOpen; paste++) {
      const update = flooder.edit((plan) => {
        for (const sku of floodSkus)
          for (let period = 0; period < 100; period++)
            plan.writeCell('demand', sku, period, paste * 100 + period)
      })
      pasteBytes = update.byteLength
      flooder.send(encodeSyncUpdate(update))
      // Let the honest user's probes and the server's answers through between pastes.
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await waitUntil(() => !flooder.isOpen, 60_000, 'the flooder to be closed')
    const figures = await probe.stop()
    reportProbe(`a flood of ${PASTES} pastes of 10,000 cells (${pasteBytes} bytes each)`, figures)
    const close = await flooder.closed
    expect(close.code).toBe(CLOSE_CODES.overBudget)
    expect(close.reason).toMatch(/faster than this server takes them/)
    // Throttled first: its first pastes were taken and saved before the close.
    expect(flooder.savedCount).toBeGreaterThan(0)
    expect(figures.failures).toEqual([])
    expect(figures.saved.length).toBeGreaterThan(0)
  })
})
