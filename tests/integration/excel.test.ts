import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { ImportIssueAnswer, PlanInput } from '@tandem/shared'
import {
  actualsSpan,
  comparePlans,
  demoPlan,
  isImportIssueCode,
  periodKey,
  PlanDoc,
  readActuals,
} from '@tandem/shared'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { startTestServer, tempSqliteStore } from '../support/test-server.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const CSV = 'text/csv'
const NASTY_NAMES = ['=HYPERLINK("http://evil.test","click")', '@SUM(A1:A9)', '+cmd|calc', '-2+3']

interface Answer {
  status: number
  body: Record<string, unknown>
}

describe('Excel and CSV import and export over a real server', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  let input: PlanInput
  const clients: StockClient[] = []

  const send = async (account: TestAccount, path: string, file: Buffer, type: string) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { ...server.headers(account), 'content-type': type },
      body: new Uint8Array(file),
    })
    const text = await response.text()
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> }
  }

  const download = async (account: TestAccount, path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: server.headers(account) })
    expect(response.status).toBe(200)
    return {
      file: Buffer.from(await response.arrayBuffer()),
      type: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition'),
    }
  }

  /** The plan as the store holds it: snapshot plus log. */
  const storedPlan = async (id: string) => {
    const state = await server.store.log.loadPlan(id)
    if (!state) throw new Error(`no plan ${id}`)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state.snapshot)
    for (const { update } of state.updates) Y.applyUpdate(doc, update)
    return new PlanDoc(doc)
  }

  const storeFingerprint = async (id: string) => {
    const state = await server.store.log.loadPlan(id)
    return (
      state && {
        snapshot: Buffer.from(state.snapshot).toString('base64'),
        log: state.updates.length,
      }
    )
  }

  const week = (p: number) => periodKey('week', input.meta.firstPeriod, p)

  /** A hand-written CSV in the import layout over the plan's first `periods` weeks. */
  const csvFile = (rows: string[][], periods = 4) => {
    const header = [
      'Family',
      'SKU',
      'Name',
      'Site',
      'Unit',
      'Resource',
      'Opening stock',
      'Safety stock',
      'Max stock',
      'Measure',
    ]
    for (let p = 0; p < periods; p++) header.push(week(p))
    return Buffer.from([header, ...rows].map((r) => r.join(',')).join('\r\n'))
  }

  const workbookOf = async (file: Buffer) => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file as unknown as ArrayBuffer)
    return workbook
  }

  const bufferOf = async (workbook: ExcelJS.Workbook) =>
    Buffer.from(await workbook.xlsx.writeBuffer())

  /** The Plan sheet row of a SKU's measure, 1-based. */
  const rowOf = (sheet: ExcelJS.Worksheet, sku: string, measure: string) => {
    let found = 0
    sheet.eachRow((row, number) => {
      if (row.getCell(2).value === sku && row.getCell(15).value === measure) found = number
    })
    if (!found) throw new Error(`no ${measure} row for ${sku}`)
    return found
  }

  beforeEach(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    input = demoPlan({ skuCount: 8, periodCount: 10, seed: 7 })
    NASTY_NAMES.forEach((name, i) => (input.items[i].name = name))
    input.items[4].family = '果汁, "鲜榨"'
    input.items[5].name = "'=already quoted"
    input.items[1].price = 4.5
    input.items[1].unitCost = 2.25
    input.meta.frozenThrough = 1
    input.meta.unit = 'cs'
    // SKU 0 is at SH, SKU 2 at HAM (demoPlan cycles SH, SZ, HAM).
    const [from, , to] = input.items.map((item) => item.sku)
    input.transfers = { 'TR-1': { fromSku: from, toSku: to, period: 3, leadTime: 2, quantity: 25 } }
    const response = await fetch(`${server.url}/api/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.headers('planner') },
      body: JSON.stringify({ id: 'excel-plan', rows: input }),
    })
    expect(response.status).toBe(201)
    planId = 'excel-plan'
  })

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    await cleanup()
  })

  it('round-trips the live plan through XLSX and CSV exports', async () => {
    const planner = connectStockClient(server.syncUrl, planId, {
      token: server.tokens.planner,
      ext: true,
    })
    clients.push(planner)
    await planner.synced()
    const sku = planner.plan.listSkus()[2]
    planner.plan.writeCell('demand', sku, 4, 4242)
    planner.plan.writeCell('supply', sku, 5, 77)
    const clock = Y.decodeStateVector(Y.encodeStateVector(planner.doc)).get(planner.doc.clientID)
    await waitFor(
      () =>
        planner.extensions.some(
          (m) =>
            m.type === 'saved' &&
            Y.decodeStateVector(m.stateVector).get(planner.doc.clientID) === clock,
        ),
      5000,
      'edits saved',
    )
    const original = await storedPlan(planId)
    expect(original.readCell('demand', sku, 4)).toBe(4242)

    const xlsx = await download('viewer', `/api/plans/${planId}/export.xlsx?version=live`)
    expect(xlsx.type).toBe(XLSX)
    expect(xlsx.disposition).toBe(`attachment; filename="${planId}-live.xlsx"`)
    const csv = await download('viewer', `/api/plans/${planId}/export.csv`)
    expect(csv.type).toBe('text/csv; charset=utf-8')

    const workbook = await workbookOf(xlsx.file)
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Plan',
      'Settings',
      'Sites',
      'Transfers',
      'Demand history',
      'Projection',
      'Gaps',
      'Comments',
      'Flags',
    ])

    for (const [file, type, id] of [
      [xlsx.file, XLSX, 'from-xlsx'],
      [csv.file, CSV, 'from-csv'],
    ] as const) {
      const created = await send('planner', `/api/plans/import?id=${id}&name=Imported`, file, type)
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      expect(created.body.plan).toMatchObject({
        id,
        name: 'Imported',
        periodCount: 10,
        skuCount: 8,
      })
      const imported = await storedPlan(id)
      expect(comparePlans(original, imported).cells).toEqual([])
      expect(imported.listSkus()).toEqual(original.listSkus())
      for (const each of original.listSkus())
        expect(imported.readItem(each)).toEqual(original.readItem(each))
      const [a, b] = [original.readMeta(), imported.readMeta()]
      expect({ ...b, name: a.name }).toEqual(
        type === XLSX ? a : { ...a, frozenThrough: -1, sites: [] },
      )
      expect(imported.listTransfers()).toEqual(type === XLSX ? original.listTransfers() : [])
    }
    expect(original.listTransfers()).toHaveLength(1)
  })

  it('imports a CSV saved by Excel in a Chinese locale (GBK) with its Chinese names', async () => {
    const file = await readFile(new URL('./fixtures/plan-gbk.csv', import.meta.url))
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file)).toThrow()
    const created = await send('planner', '/api/plans/import?id=from-gbk', file, CSV)
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const imported = await storedPlan('from-gbk')
    expect(imported.listSkus()).toEqual(['JUICE-01', 'TEA-02'])
    expect(imported.readItem('JUICE-01')).toMatchObject({
      name: '鲜榨橙汁 1升',
      family: '果汁',
      site: '上海工厂',
      unit: '箱',
    })
    expect(imported.readItem('TEA-02')).toMatchObject({ name: '乌龙茶（无糖）500毫升' })
    expect(imported.readCell('supply', 'TEA-02', 2)).toBe(20)
  })

  it('previews and applies a file to a live plan: only changed cells, live, attributed', async () => {
    const observer = connectStockClient(server.syncUrl, planId, { token: server.tokens.viewer })
    clients.push(observer)
    await observer.synced()
    const [skuA, skuB] = observer.plan.listSkus()
    const before = (measure: 'demand' | 'supply', sku: string, p: number) =>
      observer.plan.readCell(measure, sku, p)

    const workbook = await workbookOf(
      (await download('planner', `/api/plans/${planId}/export.xlsx`)).file,
    )
    const sheet = workbook.getWorksheet('Plan')!
    const edits = [
      { measure: 'demand', key: skuA, period: 3, to: before('demand', skuA, 3) + 10 },
      { measure: 'demand', key: skuA, period: 9, to: 0 },
      { measure: 'supply', key: skuB, period: 2, to: before('supply', skuB, 2) + 1 },
    ] as const
    for (const edit of edits) {
      sheet.getRow(rowOf(sheet, edit.key, edit.measure)).getCell(16 + edit.period).value = edit.to
    }
    const file = await bufferOf(workbook)

    const preview = await send('planner', `/api/plans/${planId}/import/preview`, file, XLSX)
    expect(preview.status).toBe(200)
    expect(preview.body.errors).toEqual([])
    expect(preview.body.changedCells).toBe(3)
    expect(preview.body.cells).toEqual(
      edits.map((e) => ({
        measure: e.measure,
        key: e.key,
        period: e.period,
        periodKey: week(e.period),
        from: before(e.measure, e.key, e.period),
        to: e.to,
      })),
    )

    const applied = await send('planner', `/api/plans/${planId}/import/apply`, file, XLSX)
    expect(applied).toEqual({ status: 200, body: { appliedCells: 3, appliedActuals: 0 } })
    await waitFor(
      () => edits.every((e) => observer.plan.readCell(e.measure, e.key, e.period) === e.to),
      5000,
      'import relayed to the observer',
    )
    const history = await fetch(
      `${server.url}/api/plans/${planId}/history?measure=demand&key=${skuA}&period=3`,
      { headers: server.headers('viewer') },
    )
    const entries = ((await history.json()) as { history: { value: number; author: string }[] })
      .history
    expect(entries[0]).toMatchObject({ value: edits[0].to, author: server.users.planner.id })
    const activity = await fetch(`${server.url}/api/plans/${planId}/activity`, {
      headers: server.headers('viewer'),
    })
    expect(((await activity.json()) as { activity: unknown[] }).activity).toEqual([
      expect.objectContaining({ author: server.users.planner.id, cells: 3 }),
    ])
    const again = await send('planner', `/api/plans/${planId}/import/apply`, file, XLSX)
    expect(again.body).toEqual({ appliedCells: 0, appliedActuals: 0 })
  })

  it('updates actuals from a History sheet, exports them back, and refuses a bad row whole', async () => {
    const observer = connectStockClient(server.syncUrl, planId, { token: server.tokens.viewer })
    clients.push(observer)
    await observer.synced()
    const [skuA, skuB] = observer.plan.listSkus()
    const workbook = await workbookOf(
      (await download('planner', `/api/plans/${planId}/export.xlsx`)).file,
    )
    const history = workbook.getWorksheet('Demand history')!
    expect(history.getRow(1).values).toEqual([undefined, 'SKU'])
    history.getRow(1).values = ['SKU', week(-3), week(-2), week(0)]
    history.getRow(2).values = [skuA, 40, 41, null]
    history.getRow(3).values = [skuB, null, 7, 9]
    const good = await bufferOf(workbook)

    const preview = await send('planner', `/api/plans/${planId}/import/preview`, good, XLSX)
    expect(preview.body).toMatchObject({ errors: [], changedCells: 0, changedActuals: 4 })
    const refused = await send('sales', `/api/plans/${planId}/import/apply`, good, XLSX)
    expect(refused.status).toBe(403)
    const applied = await send('planner', `/api/plans/${planId}/import/apply`, good, XLSX)
    expect(applied).toEqual({ status: 200, body: { appliedCells: 0, appliedActuals: 4 } })
    const history156 = 156
    await waitFor(
      () => readActuals(observer.plan, skuB)[history156] === 9,
      5000,
      'actuals relayed to the observer',
    )
    expect(readActuals(observer.plan, skuA).slice(history156 - 3, history156)).toEqual([
      40,
      41,
      null,
    ])

    const exported = await workbookOf(
      (await download('viewer', `/api/plans/${planId}/export.xlsx`)).file,
    )
    const back = exported.getWorksheet('Demand history')!
    expect(back.getRow(1).values).toEqual([undefined, 'SKU', week(-3), week(-2), week(0)])
    expect(back.getRow(2).values).toEqual([undefined, skuA, 40, 41])
    expect(back.getRow(3).values).toEqual([undefined, skuB, undefined, 7, 9])

    history.getRow(2).values = [skuA, 42, -1, null]
    history.getRow(4).values = ['NO-SUCH', 1]
    history.getRow(5).values = [skuB, 'many']
    const bad = await bufferOf(workbook)
    const fingerprint = await storeFingerprint(planId)
    const answer = await send('planner', `/api/plans/${planId}/import/apply`, bad, XLSX)
    expect(answer.status).toBe(400)
    const errors = answer.body.errors as ImportIssueAnswer[]
    expect(errors.map((e) => [e.code, e.place])).toEqual([
      ['negativeValue', { sheet: 'Demand history', row: 2, column: 3 }],
      ['unknownSku', { sheet: 'Demand history', row: 4, column: 1 }],
      ['notANumber', { sheet: 'Demand history', row: 5, column: 2 }],
    ])
    expect(errors[0].message).toBe('sheet Demand history, row 2, column C: -1 must not be negative')
    expect(await storeFingerprint(planId)).toEqual(fingerprint)
    expect(readActuals(await storedPlan(planId), skuA)[history156 - 3]).toBe(40)
  })

  it('imports actual production from a Production history sheet, exports it, refuses bad rows whole', async () => {
    const observer = connectStockClient(server.syncUrl, planId, { token: server.tokens.viewer })
    clients.push(observer)
    await observer.synced()
    const [skuA, skuB] = observer.plan.listSkus()
    const demandBefore = readActuals(observer.plan, skuA!)
    const workbook = await workbookOf(
      (await download('planner', `/api/plans/${planId}/export.xlsx`)).file,
    )
    expect(workbook.getWorksheet('Production history')).toBeUndefined()
    const production = workbook.addWorksheet('Production history')
    production.getRow(1).values = ['SKU', week(-2), week(-1)]
    production.getRow(2).values = [skuA, 35, 36]
    production.getRow(3).values = [skuB, null, 8]
    const good = await bufferOf(workbook)

    const preview = await send('planner', `/api/plans/${planId}/import/preview`, good, XLSX)
    expect(preview.body).toMatchObject({ errors: [], changedCells: 0, changedActuals: 3 })
    const applied = await send('planner', `/api/plans/${planId}/import/apply`, good, XLSX)
    expect(applied).toEqual({ status: 200, body: { appliedCells: 0, appliedActuals: 3 } })
    const history156 = 156
    await waitFor(
      () => readActuals(observer.plan, skuB!, 'production')[history156 - 1] === 8,
      5000,
      'actual production relayed to the observer',
    )
    expect(
      readActuals(observer.plan, skuA!, 'production').slice(history156 - 2, history156),
    ).toEqual([35, 36])
    // Actual demand is another row: untouched.
    expect(readActuals(observer.plan, skuA!)).toEqual(demandBefore)

    const exported = await workbookOf(
      (await download('viewer', `/api/plans/${planId}/export.xlsx`)).file,
    )
    const back = exported.getWorksheet('Production history')!
    expect(back.getRow(1).values).toEqual([undefined, 'SKU', week(-2), week(-1)])
    expect(back.getRow(2).values).toEqual([undefined, skuA, 35, 36])
    // The export imports back as a no-op.
    const again = await send(
      'planner',
      `/api/plans/${planId}/import/preview`,
      await bufferOf(exported),
      XLSX,
    )
    expect(again.body).toMatchObject({ errors: [], changedCells: 0, changedActuals: 0 })

    production.getRow(2).values = [skuA, -4, 36]
    production.getRow(4).values = ['NO-SUCH', 1]
    production.getRow(5).values = [skuB, 'lots']
    production.getRow(1).values = ['SKU', week(-2), week(-1), '1999-W01']
    production.getRow(3).values = [skuB, null, 8, 5]
    const bad = await bufferOf(workbook)
    const fingerprint = await storeFingerprint(planId)
    const answer = await send('planner', `/api/plans/${planId}/import/apply`, bad, XLSX)
    expect(answer.status).toBe(400)
    const errors = answer.body.errors as ImportIssueAnswer[]
    expect(errors.map((e) => [e.code, e.place])).toEqual([
      ['negativeValue', { sheet: 'Production history', row: 2, column: 2 }],
      ['outsideActuals', { sheet: 'Production history', row: 3, column: 4 }],
      ['unknownSku', { sheet: 'Production history', row: 4, column: 1 }],
      ['notANumber', { sheet: 'Production history', row: 5, column: 2 }],
    ])
    expect(errors[0]!.message).toBe(
      'sheet Production history, row 2, column B: -4 must not be negative',
    )
    expect(await storeFingerprint(planId)).toEqual(fingerprint)
    expect(readActuals(await storedPlan(planId), skuA!, 'production')[history156 - 2]).toBe(35)
  })

  it('refuses bad files with errors naming sheet, row and column, and changes nothing', async () => {
    const sku = input.items[6].sku
    const good = ['Juice', sku, 'x', 'SH', 'cs', '', '1', '1', '9', 'demand', '5', '5', '5', '5']
    const withCell = (column: number, value: string) =>
      good.map((v, i) => (i === column - 1 ? value : v))
    const formula = await workbookOf(
      (await download('planner', `/api/plans/${planId}/export.xlsx`)).file,
    )
    formula.getWorksheet('Plan')!.getRow(4).getCell(15).value = { formula: 'SUM(M4:N4)', result: 3 }
    const wide = [Array.from({ length: 201 }, (_, i) => `h${i}`).join(',')]
    const tall = Buffer.from(
      ['SKU,Measure,2026-W49', ...new Array<string>(60_000).fill('A,demand,1')].join('\n'),
    )
    const huge = Buffer.alloc(33 * 1024 * 1024, 'a')
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))

    const cases: {
      name: string
      file: Buffer
      type: string
      status: number
      field: string
      says: RegExp
      issue: string
    }[] = [
      {
        name: 'non-number',
        file: csvFile([withCell(12, 'lots')]),
        type: CSV,
        status: 400,
        field: 'Plan!R2C12',
        says: /row 2, column L: .* must be a number/,
        issue: 'notANumber',
      },
      {
        name: 'unknown measure',
        file: csvFile([withCell(10, 'forecast')]),
        type: CSV,
        status: 400,
        field: 'Plan!R2C10',
        says: /unknown measure "forecast"/,
        issue: 'unknownMeasure',
      },
      {
        name: 'missing SKU',
        file: csvFile([good, withCell(2, '')]),
        type: CSV,
        status: 400,
        field: 'Plan!R3C2',
        says: /the SKU is empty/,
        issue: 'emptyKey',
      },
      {
        name: 'too many columns',
        file: Buffer.from(wide.join('\r\n')),
        type: CSV,
        status: 413,
        field: 'Plan!R1C201',
        says: /at most 200 columns/,
        issue: 'tooManyColumns',
      },
      {
        name: 'too many rows',
        file: tall,
        type: CSV,
        status: 413,
        field: 'Plan!R60001',
        says: /at most 60000 rows/,
        issue: 'tooManyRows',
      },
      {
        name: 'too large',
        file: huge,
        type: CSV,
        status: 413,
        field: 'file',
        says: /limited to 33554432 bytes/,
        issue: 'fileTooLarge',
      },
      {
        name: 'formula',
        file: await bufferOf(formula),
        type: XLSX,
        status: 400,
        field: 'Plan!R4C15',
        says: /formula/,
        issue: 'formula',
      },
      {
        name: 'garbage as xlsx',
        file: garbage,
        type: XLSX,
        status: 400,
        field: 'file!R0',
        says: /could not be read as an XLSX/,
        issue: 'notXlsx',
      },
      {
        name: 'garbage as csv',
        file: garbage,
        type: CSV,
        status: 400,
        field: 'Plan!R0',
        says: /not text in UTF-8, UTF-16 or GB18030/,
        issue: 'unknownEncoding',
      },
    ]
    const fingerprint = await storeFingerprint(planId)
    for (const bad of cases) {
      for (const path of [`/api/plans/import?id=bad-plan`, `/api/plans/${planId}/import/apply`]) {
        const answer: Answer = await send('planner', path, bad.file, bad.type)
        expect(answer.status, `${bad.name} ${path}`).toBe(bad.status)
        expect(answer.body.field, bad.name).toBe(bad.field)
        expect(answer.body.message, bad.name).toMatch(bad.says)
        const [first] = answer.body.errors as ImportIssueAnswer[]
        expect(first.code, bad.name).toBe(bad.issue)
        expect(first.message, bad.name).toMatch(bad.says)
      }
    }
    const notNumber = await send('planner', '/api/plans/import?id=bad-plan', cases[0].file, CSV)
    expect((notNumber.body.errors as ImportIssueAnswer[])[0]).toEqual({
      code: 'notANumber',
      place: { sheet: 'Plan', row: 2, column: 12, field: week(1) },
      params: { header: week(1), value: 'lots' },
      field: 'Plan!R2C12',
      message: `sheet Plan, row 2, column L: ${week(1)} must be a number (got "lots")`,
    })
    const preview = await send(
      'planner',
      `/api/plans/${planId}/import/preview`,
      csvFile([withCell(12, 'lots'), withCell(2, 'NO-SUCH-SKU')]),
      CSV,
    )
    expect(preview.status).toBe(200)
    // A row with a bad value is still checked whole: its frozen cell is named too.
    expect((preview.body.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'Plan!R2C12',
      'Plan!R2C11',
      'Plan!R3C2',
    ])
    expect((preview.body.errors as ImportIssueAnswer[]).map((e) => e.code)).toEqual([
      'notANumber',
      'frozenPeriod',
      'unknownSku',
    ])
    for (const issue of preview.body.errors as ImportIssueAnswer[]) {
      expect(isImportIssueCode(issue.code)).toBe(true)
    }
    expect(
      (await fetch(`${server.url}/api/plans/bad-plan`, { headers: server.headers('planner') }))
        .status,
    ).toBe(404)
    expect(await storeFingerprint(planId)).toEqual(fingerprint)
  })

  it("lists every formula cell with the file's other problems at once, not the first alone", async () => {
    const book = await workbookOf(
      (await download('planner', `/api/plans/${planId}/export.xlsx`)).file,
    )
    const sheet = book.getWorksheet('Plan')!
    sheet.getRow(4).getCell(15).value = { formula: 'SUM(M4:N4)', result: 3 }
    sheet.getRow(6).getCell(12).value = { formula: 'L5*2', result: 8 }
    sheet.getRow(5).getCell(13).value = 'lots'
    const file = await bufferOf(book)
    const fingerprint = await storeFingerprint(planId)
    for (const path of [
      `/api/plans/import?id=formula-plan`,
      `/api/plans/${planId}/import/preview`,
      `/api/plans/${planId}/import/apply`,
    ]) {
      const answer: Answer = await send('planner', path, file, XLSX)
      const errors = answer.body.errors as ImportIssueAnswer[]
      expect(
        errors.map((e) => [e.code, e.field]),
        path,
      ).toEqual(
        expect.arrayContaining([
          ['formula', 'Plan!R4C15'],
          ['formula', 'Plan!R6C12'],
          ['notANumber', 'Plan!R5C13'],
        ]),
      )
    }
    expect(await storeFingerprint(planId)).toEqual(fingerprint)
  })

  it('refuses a sales import of demand once the demand review is signed off', async () => {
    const [a] = input.items.map((item) => item.sku)
    for (const stage of ['dataGathering', 'demandReview']) {
      const response = await fetch(`${server.url}/api/plans/${planId}/cycle/sign-off`, {
        method: 'POST',
        headers: { ...server.headers('planner'), 'content-type': 'application/json' },
        body: JSON.stringify({ stage }),
      })
      expect(response.status).toBe(200)
    }
    const sales = csvFile([
      ['', a, '', '', '', '', '', '', '', 'demand', '', '', '', String(input.demand[a][3] + 5)],
    ])
    const fingerprint = await storeFingerprint(planId)
    const refused = await send('sales', `/api/plans/${planId}/import/apply`, sales, CSV)
    expect(refused.status).toBeGreaterThanOrEqual(400)
    expect((refused.body.errors as ImportIssueAnswer[])[0]).toMatchObject({
      code: 'cellRefused',
      params: { rule: 'stageLocked' },
    })
    expect(await storeFingerprint(planId)).toEqual(fingerprint)
  })

  it('refuses a sales file that touches supply, and a cell in a frozen period, applying nothing', async () => {
    const [a, b] = input.items.map((item) => item.sku)
    const p3 = String(input.demand[a][3] + 5)
    const sales = csvFile([
      ['', a, '', '', '', '', '', '', '', 'demand', '', '', '', p3],
      ['', b, '', '', '', '', '', '', '', 'supply', '', '', '', String(input.supply[b][3] + 1)],
    ])
    const fingerprint = await storeFingerprint(planId)
    const preview = await send('sales', `/api/plans/${planId}/import/preview`, sales, CSV)
    expect(preview.body.cells).toEqual([
      expect.objectContaining({ measure: 'demand', key: a, period: 3, to: Number(p3) }),
    ])
    expect(preview.body.errors).toEqual([
      expect.objectContaining({ code: 'forbiddenRole', field: 'Plan!R3C14' }),
    ])
    const refused = await send('sales', `/api/plans/${planId}/import/apply`, sales, CSV)
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ code: 'forbidden', field: 'Plan!R3C14', errorCount: 1 })
    expect(refused.body.message).toMatch(/A sales may not change supply/)
    expect((refused.body.errors as ImportIssueAnswer[])[0]).toMatchObject({
      code: 'forbiddenRole',
      place: { sheet: 'Plan', row: 3, column: 14, field: week(3) },
      params: { role: 'sales', measure: 'supply', key: b, period: week(3), periodIndex: 3 },
    })

    const frozen = csvFile([['', a, '', '', '', '', '', '', '', 'demand', '', '1', '', p3]])
    const blocked = await send('planner', `/api/plans/${planId}/import/apply`, frozen, CSV)
    expect(blocked.status).toBe(409)
    expect(blocked.body).toMatchObject({ code: 'conflict', field: 'Plan!R2C12' })
    expect((blocked.body.errors as ImportIssueAnswer[])[0]).toMatchObject({
      code: 'frozenPeriod',
      params: { measure: 'demand', key: a, period: week(1), periodIndex: 1 },
    })
    expect(blocked.body.message).toMatch(
      new RegExp(`demand ${a}, ${week(1)} \\(period 1\\) is in a frozen period`),
    )
    expect(await storeFingerprint(planId)).toEqual(fingerprint)
  })

  it('escapes formula-like text in CSV and XLSX exports, and keeps numbers numbers', async () => {
    const csv = (await download('viewer', `/api/plans/${planId}/export.csv`)).file.toString('utf8')
    expect(csv.startsWith('\uFEFFFamily,SKU,Name,')).toBe(true)
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`)
    expect(csv).toContain(`,'@SUM(A1:A9),`)
    expect(csv).toContain(`,'+cmd|calc,`)
    expect(csv).toContain(`,'-2+3,`)
    expect(csv).toContain(`,''=already quoted,`)
    for (const line of csv.split('\r\n').slice(1, -1)) {
      expect(
        line
          .split(',')
          .slice(-10)
          .every((v) => /^\d+$/.test(v)),
      ).toBe(true)
    }

    const workbook = await workbookOf(
      (await download('viewer', `/api/plans/${planId}/export.xlsx`)).file,
    )
    const sheet = workbook.getWorksheet('Plan')!
    const names: unknown[] = []
    sheet.eachRow((row, n) => {
      if (n === 1) return
      names.push(row.getCell(3).value)
      expect(row.getCell(3).formula).toBeUndefined()
      expect(typeof row.getCell(16).value).toBe('number')
    })
    for (const name of NASTY_NAMES) expect(names).toContain(`'${name}`)
    expect(names).toContain("''=already quoted")
    expect(sheet.getRow(2).getCell(7).type).toBe(ExcelJS.ValueType.Number)
  })

  it('exports a published version, and answers 404 for an unknown one', async () => {
    const published = await fetch(`${server.url}/api/plans/${planId}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.headers('planner') },
      body: JSON.stringify({ id: 'v1', name: 'Consensus' }),
    })
    expect(published.status).toBe(201)
    const version = await download('viewer', `/api/plans/${planId}/export.csv?version=v1`)
    expect(version.disposition).toBe(`attachment; filename="${planId}-v1.csv"`)
    const created = await send('planner', '/api/plans/import?id=from-v1', version.file, CSV)
    expect(created.status).toBe(201)
    expect(comparePlans(await storedPlan(planId), await storedPlan('from-v1')).cells).toEqual([])
    const missing = await fetch(`${server.url}/api/plans/${planId}/export.xlsx?version=nope`, {
      headers: server.headers('viewer'),
    })
    expect(missing.status).toBe(404)
  })

  it('serves an import template that imports as a plan', async () => {
    const template = await download('viewer', '/api/plans/import-template.xlsx')
    const workbook = await workbookOf(template.file)
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Plan',
      'Settings',
      'Sites',
      'Transfers',
      'Demand history',
      'Production history',
      'README',
    ])
    const created = await send('planner', '/api/plans/import?id=from-template', template.file, XLSX)
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.plan).toMatchObject({ name: 'My plan', periodCount: 13, skuCount: 2 })
    const imported = await storedPlan('from-template')
    expect(imported.readMeta().sites.map((s) => `${s.id} ${s.name} ${s.country}`)).toEqual([
      'SH Shanghai China',
      'HAM Hamburg Germany',
    ])
    expect(imported.listTransfers()).toEqual([
      ['TR-001', { fromSku: 'SKU-0001', toSku: 'SKU-0002', period: 1, leadTime: 4, quantity: 300 }],
    ])
    const refused = await send('sales', '/api/plans/import', template.file, XLSX)
    expect(refused.status).toBe(403)
    const fromTemplate = await storedPlan('from-template')
    expect(fromTemplate.readItem('SKU-0001')).toMatchObject({ price: 3.5, unitCost: 2.1 })
    // A new plan ignores the history sheets; the same file as an update writes both kinds.
    expect(readActuals(fromTemplate, 'SKU-0001', 'production').some((v) => v !== null)).toBe(false)
    const applied = await send(
      'planner',
      '/api/plans/from-template/import/apply',
      template.file,
      XLSX,
    )
    expect(applied).toEqual({ status: 200, body: { appliedCells: 0, appliedActuals: 12 } })
    const updated = await storedPlan('from-template')
    const { first } = actualsSpan(updated)
    const weeks = (kind: 'demand' | 'production') =>
      readActuals(updated, 'SKU-0001', kind).slice(-first - 6, -first)
    expect(weeks('demand')).toEqual([96, 104, 99, 180, 101, 97])
    expect(weeks('production')).toEqual([110, 110, 95, 110, 104, 110])
  })

  it('imports price and unit cost (English or 中文 headers), exports them, refuses a negative one', async () => {
    const header = ['SKU', 'Family', '单价', 'Unit cost', 'Measure', week(0), week(1)]
    const file = (rows: string[][]) =>
      Buffer.from([header, ...rows].map((r) => r.join(',')).join('\r\n'))
    const created = await send(
      'planner',
      '/api/plans/import?id=priced',
      file([
        ['P-1', 'Juice', '12.5', '7.25', 'demand', '10', '10'],
        ['P-1', 'Juice', '', '', 'supply', '5', '5'],
        ['P-2', 'Juice', '', '', 'demand', '1', '1'],
      ]),
      CSV,
    )
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const priced = await storedPlan('priced')
    expect(priced.readItem('P-1')).toMatchObject({ price: 12.5, unitCost: 7.25 })
    expect(priced.readItem('P-2')).not.toHaveProperty('price')

    const sheet = (
      await workbookOf((await download('viewer', '/api/plans/priced/export.xlsx')).file)
    ).getWorksheet('Plan')!
    const headers = (sheet.getRow(1).values as unknown[]).slice(1, 16)
    expect(headers.slice(9)).toEqual([
      'Price',
      'Unit cost',
      'Lead time',
      'Min batch',
      'Lot size',
      'Measure',
    ])
    const p1 = sheet.getRow(rowOf(sheet, 'P-1', 'demand'))
    expect([p1.getCell(10).value, p1.getCell(11).value]).toEqual([12.5, 7.25])
    expect(sheet.getRow(rowOf(sheet, 'P-2', 'demand')).getCell(10).value).toBeNull()

    const refused = await send(
      'planner',
      '/api/plans/import?id=badly-priced',
      file([['P-1', 'Juice', '-4', '1', 'demand', '1', '1']]),
      CSV,
    )
    expect(refused.status).toBe(400)
    expect(refused.body.errors).toEqual([
      {
        code: 'negativeValue',
        place: { sheet: 'Plan', row: 2, column: 3, field: 'price' },
        params: { value: -4 },
        field: 'Plan!R2C3',
        message: 'sheet Plan, row 2, column C: -4 must not be negative',
      },
    ])
    expect(await server.store.log.loadPlan('badly-priced')).toBeUndefined()
  })
})
