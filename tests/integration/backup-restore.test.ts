import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { runTandemCli } from '../support/cli-process.js'
import { startServerProcess } from '../support/server-process.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import { requestToken } from '../support/test-server.js'

const ADMIN = {
  TANDEM_ADMIN_EMAIL: 'ops@example.com',
  TANDEM_ADMIN_PASSWORD: 'a-long-admin-password',
}
const WRITER_CLIENT_ID = 4242

describe('pnpm tandem backup and restore (SQLite), while the server takes edits', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-backup-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('a backup taken during a stream of edits holds every edit saved before it started', async () => {
    const liveDir = join(dir, 'live')
    const server = await startServerProcess({ ...ADMIN, DATA_DIR: liveDir })
    const token = await requestToken(server.url, 'sales@demo.tandem', 'demo-password')
    const doc = new Y.Doc()
    doc.clientID = WRITER_CLIENT_ID
    const writer = connectStockClient(server.url.replace('http', 'ws') + '/sync', 'demo', {
      token,
      ext: true,
      doc,
    })
    await writer.synced()
    const skus = writer.plan.listSkus()
    // Edit n writes 100000 + n into its own cell, so no later edit hides an earlier one.
    const cellOf = (n: number) => ({
      sku: skus[n % skus.length],
      period: Math.floor(n / skus.length) % 10,
    })
    const clockAfter: number[] = []
    const ownClock = () => Y.decodeStateVector(Y.encodeStateVector(doc)).get(WRITER_CLIENT_ID) ?? 0
    const savedClock = () => {
      const saved = writer.extensions.filter((m) => m.type === 'saved')
      const last = saved[saved.length - 1]
      return last?.type === 'saved'
        ? (Y.decodeStateVector(last.stateVector).get(WRITER_CLIENT_ID) ?? 0)
        : 0
    }
    let n = 0
    const write = () => {
      const { sku, period } = cellOf(n)
      writer.plan.writeCell('demand', sku, period, 100_000 + n)
      clockAfter.push(ownClock())
      n++
    }
    const stream = setInterval(write, 5)
    await waitFor(
      () => clockAfter.length > 40 && savedClock() >= clockAfter[30],
      20_000,
      'saved edits',
    )

    // Every edit the server has acknowledged as saved by now must be in the backup.
    const savedBefore = savedClock()
    const savedEdits = clockAfter.filter((clock) => clock <= savedBefore).length
    const file = join(dir, 'backup', 'tandem-backup.db')
    const backup = await runTandemCli(['backup', file], { DATA_DIR: liveDir })
    const writtenDuring = n
    clearInterval(stream)
    expect(backup.code, backup.stderr).toBe(0)
    expect(backup.stdout).toMatch(/Backed up .*tandem\.db to .*tandem-backup\.db \(\d+ pages\)\./)
    expect(writtenDuring).toBeGreaterThan(savedEdits)

    // The live database is open in the running server: restore refuses, and says what to do.
    const refused = await runTandemCli(['restore', file], { DATA_DIR: liveDir })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(
      'is open in another process, most likely a running Tandem server',
    )
    expect(refused.stderr).toContain('Stop it first')
    // Backing up onto an existing file is refused rather than overwriting it.
    const again = await runTandemCli(['backup', file], { DATA_DIR: liveDir })
    expect(again.stderr).toContain(`FILE: ${file} exists`)
    writer.destroy()
    expect(await server.stop('SIGTERM')).toBe(0)

    const freshDir = join(dir, 'fresh')
    const restored = await runTandemCli(['restore', file], { DATA_DIR: freshDir })
    expect(restored.code, restored.stderr).toBe(0)
    expect(existsSync(join(freshDir, 'tandem.db'))).toBe(true)

    const fresh = await startServerProcess({ ...ADMIN, DATA_DIR: freshDir })
    expect(fresh.output()).not.toContain('Admin account (shown once')
    const reader = connectStockClient(fresh.url.replace('http', 'ws') + '/sync', 'demo', {
      token: await requestToken(fresh.url, 'viewer@demo.tandem', 'demo-password'),
    })
    await reader.synced()
    for (let edit = 0; edit < savedEdits; edit++) {
      const { sku, period } = cellOf(edit)
      expect(reader.plan.readRow('demand', sku)[period], `edit ${edit}`).toBe(100_000 + edit)
    }
    reader.destroy()
    expect(await fresh.stop('SIGTERM')).toBe(0)

    // A file that is not a Tandem database is refused, naming FILE.
    const bogus = await runTandemCli(['restore', join(dir, 'backup')], { DATA_DIR: freshDir })
    expect(bogus.code).toBe(1)
    expect(bogus.stderr).toContain('Error: FILE:')
  }, 120_000)
})
