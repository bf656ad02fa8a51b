import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { ColumnMapping, ImportErrorBody, PlanRecord } from '@tandem/shared'
import { PlanDoc } from '@tandem/shared'
import type { TestServer } from '../support/test-server.js'
import { startTestServer, tempSqliteStore } from '../support/test-server.js'

/** A planner's own spreadsheet: no Measure column, its own headers, month names, a note column. */
const OWN_FILE = [
  'Item code,Description,Jan 2026,二月 2026,2026年3月,Comment',
  'OAT-1L,Oat drink 1 l,120,130,140,ok',
  'OAT-2L,Oat drink 2 l,60,65,70,',
].join('\n')

describe('importing a file that does not follow the template', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store, { restRateLimit: 100_000 })
  })
  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  const importFile = async (csv: string, mapping?: ColumnMapping) => {
    const query = new URLSearchParams({ name: 'Own file' })
    if (mapping) query.set('mapping', JSON.stringify(mapping))
    const response = await fetch(`${server.url}/api/plans/import?${query}`, {
      method: 'POST',
      headers: { ...server.headers('planner'), 'content-type': 'text/csv' },
      body: csv,
    })
    return { status: response.status, body: (await response.json()) as unknown }
  }

  const storedPlan = async (id: string) => {
    const state = (await server.store.log.loadPlan(id))!
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state.snapshot)
    for (const { update } of state.updates) Y.applyUpdate(doc, update)
    return new PlanDoc(doc)
  }

  it('lists every header problem at once and sends the header back for the mapping step', async () => {
    const { status, body } = await importFile(OWN_FILE)
    expect(status).toBe(400)
    const answer = body as ImportErrorBody
    expect(answer.errors.map((e) => [e.code, e.field])).toEqual([
      ['unknownColumn', 'Plan!R1C1'],
      ['unknownColumn', 'Plan!R1C2'],
      ['unknownColumn', 'Plan!R1C6'],
      ['missingColumn', 'Plan!R1'],
      ['missingColumn', 'Plan!R1'],
    ])
    expect(answer.errorCount).toBe(5)
    expect(answer.header).toEqual({
      sheet: 'Plan',
      row: 1,
      cells: ['Item code', 'Description', 'Jan 2026', '二月 2026', '2026年3月', 'Comment'],
      understood: [null, null, '2026-01', '2026-02', '2026-03', null],
    })
  })

  it('creates the plan once the columns are mapped, with months read from English and Chinese names', async () => {
    const mapping: ColumnMapping = {
      columns: { '1': 'sku', '2': 'name', '6': 'ignore' },
      measure: 'demand',
    }
    const { status, body } = await importFile(OWN_FILE, mapping)
    expect(status).toBe(201)
    const plan = await storedPlan((body as { plan: PlanRecord }).plan.id)
    expect(plan.readMeta()).toMatchObject({
      periodKind: 'month',
      firstPeriod: '2026-01-01',
      periodCount: 3,
    })
    expect(plan.readItem('OAT-1L')?.name).toBe('Oat drink 1 l')
    expect(plan.readRow('demand', 'OAT-1L')).toEqual([120, 130, 140])
    expect(plan.readRow('demand', 'OAT-2L')).toEqual([60, 65, 70])
    expect(plan.readRow('supply', 'OAT-2L')).toEqual([0, 0, 0])
  })

  it('reads the header from a later row, and weeks written as W05 2026 or as dates', async () => {
    const csv = [
      'Demand plan export,,,,',
      ',,,,',
      'SKU,Measure,W05 2026,2026-W06,2026-02-09',
      'OAT-1L,demand,1,2,3',
      'OAT-1L,supply,4,5,6',
    ].join('\n')
    expect((await importFile(csv)).status).toBe(400)
    const { status, body } = await importFile(csv, { headerRow: 3 })
    expect(status).toBe(201)
    const plan = await storedPlan((body as { plan: PlanRecord }).plan.id)
    expect(plan.readMeta()).toMatchObject({ periodKind: 'week', firstPeriod: '2026-01-26' })
    expect(plan.readRow('supply', 'OAT-1L')).toEqual([4, 5, 6])
  })

  it('lists every problem of the rows and periods at once, not the first one only', async () => {
    const csv = [
      'SKU,Measure,Jan 2026,Mar 2026,Apr 2026',
      'OAT-1L,demand,lots,5,-3',
      'OAT-1L,forecast,1,2,3',
      'OAT-2L,demand,1,2,2000000000',
      'OAT-2L,demand,1,2,3',
    ].join('\n')
    const { status, body } = await importFile(csv)
    expect(status).toBe(400)
    const codes = (body as ImportErrorBody).errors.map((e) => `${e.code}@${e.field}`)
    expect(codes).toEqual(
      expect.arrayContaining([
        'notANumber@Plan!R2C3',
        'unknownMeasure@Plan!R3C2',
        'duplicateRow@Plan!R5C1',
        'negativeValue@Plan!R2C5',
        'valueTooLarge@Plan!R4C5',
        'periodsNotConsecutive@Plan!R1C4',
        'periodsNotConsecutive@Plan!R1C5',
      ]),
    )
  })

  it('refuses a mapping that is not one, naming it', async () => {
    const { status, body } = await importFile(OWN_FILE, {
      columns: { '1': 'colour' as never },
    })
    expect(status).toBe(400)
    expect(body).toMatchObject({ code: 'badRequest', field: 'mapping.columns.1' })
  })
})

describe('updating a live plan from a file that does not follow the template', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  const mapping: ColumnMapping = {
    columns: { '1': 'sku', '2': 'name', '6': 'ignore' },
    measure: 'demand',
  }
  /** Sales' own file a month later: new demand for OAT-1L's February and OAT-2L's March. */
  const UPDATED = [
    'Item code,Description,Jan 2026,二月 2026,2026年3月,Comment',
    'OAT-1L,Oat drink 1 l,120,155,140,raised',
    'OAT-2L,Oat drink 2 l,60,65,90,',
  ].join('\n')

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store, { restRateLimit: 100_000 })
    const query = new URLSearchParams({ name: 'Own file', mapping: JSON.stringify(mapping) })
    const created = await fetch(`${server.url}/api/plans/import?${query}`, {
      method: 'POST',
      headers: { ...server.headers('planner'), 'content-type': 'text/csv' },
      body: OWN_FILE,
    })
    planId = ((await created.json()) as { plan: PlanRecord }).plan.id
  })
  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  const send = async (step: 'preview' | 'apply', chosen?: ColumnMapping) => {
    const query = chosen ? `?${new URLSearchParams({ mapping: JSON.stringify(chosen) })}` : ''
    const response = await fetch(`${server.url}/api/plans/${planId}/import/${step}${query}`, {
      method: 'POST',
      headers: { ...server.headers('sales'), 'content-type': 'text/csv' },
      body: UPDATED,
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  it('refuses the header problems with the header, for the mapping step, and changes nothing', async () => {
    const { status, body } = await send('preview')
    expect(status).toBe(400)
    expect((body.errors as { code: string }[]).map((e) => e.code)).toEqual([
      'unknownColumn',
      'unknownColumn',
      'unknownColumn',
      'missingColumn',
      'missingColumn',
    ])
    expect(body.header).toEqual({
      sheet: 'Plan',
      row: 1,
      cells: ['Item code', 'Description', 'Jan 2026', '二月 2026', '2026年3月', 'Comment'],
      understood: [null, null, '2026-01', '2026-02', '2026-03', null],
    })
    const refused = await send('apply')
    expect(refused.status).toBe(400)
    expect(refused.body.header).toEqual(body.header)
    const state = (await server.store.log.loadPlan(planId))!
    expect(state.updates).toHaveLength(0)
  })

  it('previews and applies the changed cells once the columns are mapped', async () => {
    const preview = await send('preview', mapping)
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({ changedCells: 2, errorCount: 0 })
    expect(preview.body.header).toBeUndefined()
    expect(
      (preview.body.cells as { key: string; period: number; from: number; to: number }[]).map(
        ({ key, period, from, to }) => [key, period, from, to],
      ),
    ).toEqual([
      ['OAT-1L', 1, 130, 155],
      ['OAT-2L', 2, 70, 90],
    ])
    const applied = await send('apply', mapping)
    expect(applied).toMatchObject({ status: 200, body: { appliedCells: 2 } })
    const state = (await server.store.log.loadPlan(planId))!
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state.snapshot)
    for (const { update } of state.updates) Y.applyUpdate(doc, update)
    const plan = new PlanDoc(doc)
    expect(plan.readRow('demand', 'OAT-1L')).toEqual([120, 155, 140])
    expect(plan.readRow('demand', 'OAT-2L')).toEqual([60, 65, 90])
  })
})
