import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openSqliteStores } from '@tandem/server'
import * as Y from 'yjs'
import { connectStockClient } from '../support/stock-client.js'
import type { StockClient } from '../support/stock-client.js'
import { createPlan, startTestServer } from '../support/test-server.js'
import { markdownTable } from './markdown-table.js'
import { percentile } from './percentile.js'

/** What the meeting bench measured (issue 16: following must stay smooth with 50 participants). */
export interface MeetingBenchRun {
  followers: number
  moves: number
  movesPerSecond: number
  /** Presenter's move → a follower sees it, over every (move, follower) pair that arrived. */
  latencyMs: { p50: number; p95: number; p99: number; max: number }
  /** Share of the presenter's moves a follower saw (the server coalesces presence above 10/s). */
  seenShare: number
  /** Last move → every follower shows it. */
  settleMs: number
}

interface Presenting {
  cursor?: { row: string; col: number }
  presenting?: { seq: number }
}

/**
 * One real server in the bench process (SQLite), a 200 × 26 plan (the sync answer budget per user would make 50 syncs of a big plan take a minute), one presenter and
 * `followers` stock y-websocket clients with awareness, all in this process. The presenter moves
 * its cursor `movesPerSecond` times a second for `durationMs`, publishing what a meeting's
 * presenter publishes (cursor, viewport and the presenter's view); every follower timestamps each
 * move it receives.
 */
export async function meetingRun(
  followers = 50,
  movesPerSecond = 4,
  durationMs = 10_000,
): Promise<MeetingBenchRun> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-meeting-bench-'))
  const stores = openSqliteStores(join(dir, 'bench.db'))
  const server = await startTestServer(stores)
  const clients: StockClient[] = []
  try {
    const planId = await createPlan(server, { skuCount: 200, periodCount: 26, seed: 3 })
    const connect = (token: string, id: number) => {
      const doc = new Y.Doc()
      doc.clientID = 1_000_000 + id
      const client = connectStockClient(server.syncUrl, planId, { token, doc })
      clients.push(client)
      return client
    }
    const presenter = connect(server.tokens.planner, 0)
    // One person a socket, as in a real meeting (a user may hold 16 sockets on a plan).
    const roles = ['sales', 'production', 'viewer'] as const
    const tokens: string[] = []
    for (let i = 0; i < followers; i++) {
      const user = {
        id: `follower-${i}`,
        email: `follower-${i}@bench.tandem`,
        name: `Follower ${i}`,
        passwordHash: server.users.viewer.passwordHash,
        isAdmin: false,
        defaultRole: roles[i % 3],
        disabled: false,
        createdAt: new Date(0).toISOString(),
        sessionVersion: 0,
      }
      await stores.accounts.createUser(user)
      tokens.push(server.app.auth.issue(user, 'token').token)
    }
    const audience = tokens.map((token, i) => connect(token, i + 1))
    await Promise.all(clients.map((c) => c.synced()))
    const presenterId = presenter.doc.clientID
    const sentAt: number[] = []
    const latencies: number[] = []
    const lastSeen = audience.map(() => -1)
    const seenAt = audience.map(() => 0)
    audience.forEach((client, i) => {
      client.provider.awareness.on('change', () => {
        const state = client.provider.awareness.getStates().get(presenterId) as
          Presenting | undefined
        const seq = state?.presenting?.seq
        if (seq === undefined || seq <= lastSeen[i]) return
        lastSeen[i] = seq
        seenAt[i] = performance.now()
        latencies.push(seenAt[i] - sentAt[seq])
      })
    })
    const user = { id: 'planner', name: 'Presenter', role: 'planner', colour: '#1565c0', slot: 0 }
    const moves = Math.round((movesPerSecond * durationMs) / 1000)
    const view = { grain: 'week', sort: { by: 'sku' }, filter: { sites: ['SH'], gaps: true } }
    for (let seq = 0; seq < moves; seq++) {
      sentAt[seq] = performance.now()
      presenter.provider.awareness.setLocalState({
        user,
        cursor: {
          row: `sku:SKU-${String((seq % 200) + 1).padStart(5, '0')}:demand`,
          col: seq % 26,
        },
        viewport: { row: `sku:SKU-${String((seq % 200) + 1).padStart(5, '0')}:demand`, col: 0 },
        presenting: { meetingId: 'bench', seq, view, chartOpen: false },
      })
      await new Promise((resolve) => setTimeout(resolve, 1000 / movesPerSecond))
    }
    const last = moves - 1
    while (lastSeen.some((seen) => seen < last)) {
      if (performance.now() - sentAt[last] > 10_000) throw new Error('followers did not settle')
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    const settleMs = Math.max(...seenAt) - sentAt[last]
    return {
      followers,
      moves,
      movesPerSecond,
      latencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: Math.max(...latencies),
      },
      seenShare: latencies.length / (moves * followers),
      settleMs,
    }
  } finally {
    for (const client of clients) client.destroy()
    await server.close(true)
    await rm(dir, { recursive: true, force: true })
  }
}

export function meetingTable(runs: readonly MeetingBenchRun[]): string {
  const ms = (v: number) => v.toFixed(1)
  return markdownTable(
    [
      'followers',
      'moves/s',
      'moves',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'moves seen',
      'last move → all show it ms',
    ],
    runs.map((r) => [
      String(r.followers),
      String(r.movesPerSecond),
      String(r.moves),
      ms(r.latencyMs.p50),
      ms(r.latencyMs.p95),
      ms(r.latencyMs.p99),
      ms(r.latencyMs.max),
      `${(100 * r.seenShare).toFixed(1)} %`,
      ms(r.settleMs),
    ]),
  )
}
