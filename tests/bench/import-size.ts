/**
 * Measures the Excel round trip on a 10,000 SKU × 104 week plan through a real server: export
 * to XLSX and CSV, create a plan from each file, and preview and apply an update file.
 * Run: node --conditions=tandem-source --import tsx tests/bench/import-size.ts [skus] [periods]
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, openSqliteStores } from '@tandem/server'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const skuCount = Number(process.argv[2] ?? 10_000)
const periodCount = Number(process.argv[3] ?? 104)

const dir = await mkdtemp(join(tmpdir(), 'tandem-import-bench-'))
const store = openSqliteStores(join(dir, 'bench.db'))
const app = await buildApp({ stores: store, restRateLimit: 10_000 })
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
if (!address || typeof address === 'string') throw new Error('no port')
const url = `http://127.0.0.1:${address.port}`
const user = {
  id: randomUUID(),
  email: 'bench@bench.tandem',
  name: 'Bench Planner',
  passwordHash: 'unused',
  isAdmin: true,
  defaultRole: 'planner' as const,
  disabled: false,
  createdAt: new Date().toISOString(),
  sessionVersion: 0,
}
await store.accounts.createUser(user)
const headers = { authorization: `Bearer ${app.auth.issue(user, 'token').token}` }

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const result = await run()
  const ms = performance.now() - started
  console.log(`${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s`)
  return result
}

async function call(method: string, path: string, body?: Buffer | string, type?: string) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...headers, ...(type ? { 'content-type': type } : {}) },
    body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body),
  })
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return response
}

try {
  console.log(`plan: ${skuCount} SKUs × ${periodCount} weeks`)
  await call(
    'POST',
    '/api/plans',
    JSON.stringify({ id: 'source', name: 'Bench', generator: { skuCount, periodCount, seed: 7 } }),
    'application/json',
  )
  const xlsx = await timed('export XLSX (GET export.xlsx)', async () =>
    Buffer.from(await (await call('GET', '/api/plans/source/export.xlsx')).arrayBuffer()),
  )
  const csv = await timed('export CSV (GET export.csv)', async () =>
    Buffer.from(await (await call('GET', '/api/plans/source/export.csv')).arrayBuffer()),
  )
  console.log(
    `files: XLSX ${(xlsx.length / 1e6).toFixed(1)} MB, CSV ${(csv.length / 1e6).toFixed(1)} MB`,
  )
  await timed('import XLSX as a new plan (POST import)', () =>
    call('POST', '/api/plans/import?id=from-xlsx', xlsx, XLSX),
  )
  await timed('import CSV as a new plan (POST import)', () =>
    call('POST', '/api/plans/import?id=from-csv', csv, 'text/csv'),
  )
  const lines = csv.toString('utf8').split('\r\n')
  const changed = lines.map((line, i) =>
    i > 0 && i % 100 === 1 && line.includes(',demand,') ? line.replace(/,\d+$/, ',1') : line,
  )
  const update = Buffer.from(changed.join('\r\n'))
  const preview = await timed('preview a CSV update (1 cell in 50 rows)', async () =>
    (await call('POST', '/api/plans/source/import/preview', update, 'text/csv')).json(),
  )
  const applied = await timed('apply the same CSV update', async () =>
    (await call('POST', '/api/plans/source/import/apply', update, 'text/csv')).json(),
  )
  console.log(
    `changed cells: preview ${(preview as { changedCells: number }).changedCells}, applied ${(applied as { appliedCells: number }).appliedCells}`,
  )
  console.log(`server heap after: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`)
} finally {
  await app.close()
  await store.close()
  await rm(dir, { recursive: true, force: true })
}
