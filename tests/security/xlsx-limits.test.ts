import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { periodKey } from '@tandem/shared'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import type { RawEntry } from './support/hostile-xlsx.js'
import {
  corruptDeflate,
  deflated,
  repeated,
  SHARED_STRINGS_HEAD,
  sheetXml,
  workbookEntries,
  zipOf,
} from './support/hostile-xlsx.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const MiB = 1024 * 1024
const ROW = '<row><c t="inlineStr"><is><t>SKU</t></is></c></row>'.padEnd(1024, ' ')

/** Temp files exceljs (through `tmp`) would leave: `tmp-<pid>-<random>`. */
async function strayTempFiles(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => /^tmp-\d+-/.test(name))
}

/**
 * Issue 11, case 9: hand-built hostile XLSX files. Each must get a clear 4xx quickly, leave no
 * temp file behind and keep the server up, on the planner's import and on the viewer's preview.
 */
describe('XLSX imports are bounded while they unpack', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  let periods: string[]
  let sku: string
  let tempBefore: string[]

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    planId = await createPlan(server, { skuCount: 2, periodCount: 3, seed: 3 })
    const record = (await (
      await fetch(`${server.url}/api/plans/${planId}`, { headers: server.headers('viewer') })
    ).json()) as { plan: { periodKind: 'week' | 'month'; firstPeriod: string } }
    periods = [0, 1, 2].map((p) => periodKey(record.plan.periodKind, record.plan.firstPeriod, p))
    sku = 'SKU-00001'
    tempBefore = await strayTempFiles()
  })

  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  const send = async (account: TestAccount, path: string, file: Buffer) => {
    const started = performance.now()
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { ...server.headers(account), 'content-type': XLSX },
      body: new Uint8Array(file),
      // Before the fix a damaged archive was never answered.
      signal: AbortSignal.timeout(30_000),
    })
    const body = (await response.json()) as {
      code?: string
      errors?: { code: string; params: Record<string, unknown> }[]
      changedCells?: number
    }
    // A preview answers 200 and lists what it would refuse in `errors`, as a failure does.
    return { status: response.status, body, ms: Math.round(performance.now() - started) }
  }

  /** The file sent to the viewer's preview and to the planner's new-plan import. */
  const expectRefused = async (what: string, file: Buffer, status: number, issue: string) => {
    for (const [account, path] of [
      ['viewer', `/api/plans/${planId}/import/preview`],
      ['planner', `/api/plans/import?id=hostile-${issue}`],
    ] as const) {
      const answer = await send(account, path, file)
      console.log(
        `[security] ${what} (${(file.length / MiB).toFixed(2)} MiB) → ${answer.status} ${answer.body.errors?.[0]?.code} in ${answer.ms} ms (${account})`,
      )
      expect([answer.status, answer.body.errors?.[0]?.code], `${what}, ${path}`).toEqual([
        status,
        issue,
      ])
    }
    const health = await fetch(`${server.url}/health`)
    expect(health.status).toBe(200)
    expect(await strayTempFiles()).toEqual(tempBefore)
  }

  const goodSheet = () =>
    deflated(
      'xl/worksheets/sheet1.xml',
      sheetXml([
        ['SKU', 'Measure', ...periods],
        [sku, 'demand', 101, 102, 103],
      ]),
    )

  it('reads a hand-built workbook of the same make (the control)', async () => {
    const answer = await send(
      'viewer',
      `/api/plans/${planId}/import/preview`,
      zipOf(workbookEntries(goodSheet())),
    )
    // Read cell by cell: a viewer's preview lists each demand cell as one it may not change.
    expect(answer.status).toBe(200)
    expect(answer.body.errors?.map((error) => error.code)).toEqual(Array(3).fill('forbiddenRole'))
  })

  it('refuses a zip bomb: a 1 GiB sheet that declares 2 KiB, without a shared-strings part', async () => {
    const bomb = repeated(
      'xl/worksheets/sheet1.xml',
      { head: '<worksheet><sheetData>', unit: ROW.repeat(1024), repeats: 1024 },
      2048,
    )
    await expectRefused(
      '1 GiB sheet declaring 2 KiB',
      zipOf(workbookEntries(bomb)),
      400,
      'xlsxCorrupt',
    )
  })

  it('refuses a bomb hidden in a local entry the central directory does not list', async () => {
    const hidden: RawEntry = {
      ...repeated(
        'xl/worksheets/sheet2.xml',
        { head: '<worksheet><sheetData>', unit: ROW.repeat(1024), repeats: 1024 },
        2048,
      ),
      hidden: true,
    }
    const answer = await send(
      'viewer',
      `/api/plans/${planId}/import/preview`,
      zipOf(workbookEntries(goodSheet(), [hidden])),
    )
    // The hidden entry is never unpacked: the listed parts are read, and the preview works.
    expect(answer.status).toBe(200)
    expect(answer.body.errors?.map((error) => error.code)).toEqual(Array(3).fill('forbiddenRole'))
    expect(await strayTempFiles()).toEqual(tempBefore)
  })

  it('refuses a sheet that declares its true 1 GiB, before unpacking anything', async () => {
    const honest = repeated(
      'xl/worksheets/sheet1.xml',
      { unit: ROW.repeat(1024), repeats: 1024 },
      1024 * MiB,
    )
    await expectRefused(
      'sheet declaring 1 GiB',
      zipOf(workbookEntries(honest)),
      413,
      'xlsxTooLarge',
    )
  })

  it('refuses shared strings over 64 MiB unpacked', async () => {
    const strings = repeated('xl/sharedStrings.xml', {
      head: SHARED_STRINGS_HEAD,
      unit: `<si><t>${'x'.repeat(1000)}</t></si>`.repeat(64),
      repeats: 1100,
      tail: '</sst>',
    })
    await expectRefused(
      '70 MiB of shared strings',
      zipOf(workbookEntries(goodSheet(), [strings])),
      413,
      'sharedStringsTooLarge',
    )
  })

  it('refuses more than a million shared strings', async () => {
    const strings = repeated('xl/sharedStrings.xml', {
      head: SHARED_STRINGS_HEAD,
      unit: '<si><t>a</t></si>'.repeat(1000),
      repeats: 1100,
      tail: '</sst>',
    })
    await expectRefused(
      '1.1 million shared strings',
      zipOf(workbookEntries(goodSheet(), [strings])),
      413,
      'tooManySharedStrings',
    )
  })

  it('refuses corrupt deflate data at once, naming the part', async () => {
    const sheet = corruptDeflate(
      'xl/worksheets/sheet1.xml',
      sheetXml([['SKU', 'Measure', ...periods], ...Array(2000).fill([sku, 'demand', 1, 2, 3])]),
    )
    const file = zipOf(workbookEntries(sheet))
    await expectRefused('corrupt deflate', file, 400, 'xlsxCorrupt')
    const answer = await send('viewer', `/api/plans/${planId}/import/preview`, file)
    expect(answer.body.errors?.[0]?.params.entry).toBe('xl/worksheets/sheet1.xml')
  })

  it('refuses a part whose bytes do not match its CRC-32', async () => {
    const sheet = { ...goodSheet(), crc: 12345 }
    await expectRefused('CRC mismatch', zipOf(workbookEntries(sheet)), 400, 'xlsxCorrupt')
  })

  it('refuses a workbook without its relationships part, which would park sheets in temp files', async () => {
    const entries = workbookEntries(goodSheet()).filter(
      (entry) => entry.name !== 'xl/_rels/workbook.xml.rels',
    )
    await expectRefused('no workbook relationships', zipOf(entries), 400, 'notXlsx')
  })

  it('still imports normal files afterwards: the export, as a preview and as a new plan', async () => {
    const exported = Buffer.from(
      await (
        await fetch(`${server.url}/api/plans/${planId}/export.xlsx`, {
          headers: server.headers('viewer'),
        })
      ).arrayBuffer(),
    )
    const preview = await send('viewer', `/api/plans/${planId}/import/preview`, exported)
    expect([preview.status, preview.body.changedCells]).toEqual([200, 0])
    const created = await send('planner', '/api/plans/import?id=after-hostile', exported)
    expect(created.status).toBe(201)
    expect(await strayTempFiles()).toEqual(tempBefore)
  })
})

describe('the import time limit', () => {
  it('answers importTimedOut when reading takes longer than the limit', async () => {
    const temp = await tempSqliteStore()
    const server = await startTestServer(temp.store, { importTimeLimitMs: 0 })
    try {
      const file = zipOf(workbookEntries(deflated('xl/worksheets/sheet1.xml', sheetXml([['SKU']]))))
      const response = await fetch(`${server.url}/api/plans/import?id=too-slow`, {
        method: 'POST',
        headers: { ...server.headers('planner'), 'content-type': XLSX },
        body: new Uint8Array(file),
      })
      const body = (await response.json()) as { errors: { code: string; message: string }[] }
      expect([response.status, body.errors[0].code]).toEqual([413, 'importTimedOut'])
      expect(body.errors[0].message).toMatch(/longer than 0 s/)
    } finally {
      await server.close()
      await temp.cleanup()
    }
  })
})
