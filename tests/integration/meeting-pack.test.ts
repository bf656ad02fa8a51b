import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { daysPerPeriod, executiveSummary, PlanDoc, pricedSkus } from '@tandem/shared'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

describe('the meeting pack: a PDF printed by headless Chromium and an XLSX, from a real server', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pack-'))

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    planId = await createPlan(server, { skuCount: 30, periodCount: 8, seed: 4 })
  })

  afterAll(async () => {
    await server.close()
    await cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  const stored = async () => {
    const state = await server.store.log.loadPlan(planId)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state!.snapshot)
    for (const { update } of state!.updates) Y.applyUpdate(doc, update)
    return new PlanDoc(doc)
  }

  const pdfText = async (lang: string) => {
    const response = await fetch(
      `${server.url}/api/plans/${planId}/meeting-pack.pdf?lang=${lang}`,
      {
        headers: server.headers('viewer'),
      },
    )
    expect(response.status, await response.clone().text()).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const file = join(dir, `pack-${lang}.pdf`)
    writeFileSync(file, Buffer.from(await response.arrayBuffer()))
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
    return { pages, text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }) }
  }

  it('prints the executive summary, the agenda and the records in English, with pages', async () => {
    const plan = await stored()
    const summary = executiveSummary(pricedSkus(plan), daysPerPeriod('week'))
    const { pages, text } = await pdfText('en')
    expect(pages).toBeGreaterThanOrEqual(2)
    for (const words of [
      'Meeting pack',
      'Executive summary',
      'Revenue planned',
      'Agenda',
      'Decisions',
      'Actions',
    ])
      expect(text).toContain(words)
    expect(text).toContain('Test plan')
    const revenue = new Intl.NumberFormat('en', { maximumFractionDigits: 0 })
    expect(text).toContain(revenue.format(summary.totals.revenuePlanned))
    if (summary.topGaps[0]) expect(text).toContain(summary.topGaps[0].sku)
  })

  it('prints in Chinese for a zh-CN request', async () => {
    const { pages, text } = await pdfText('zh-CN')
    expect(pages).toBeGreaterThanOrEqual(2)
    for (const words of ['会议资料', '管理层摘要', '计划收入', '议程', '决议', '行动项'])
      expect(text).toContain(words)
  })

  it('prints one at a time: requests at once all get their PDF', async () => {
    const answers = await Promise.all(
      [0, 1].map(() =>
        fetch(`${server.url}/api/plans/${planId}/meeting-pack.pdf`, {
          headers: server.headers('planner'),
        }),
      ),
    )
    for (const answer of answers) {
      expect(answer.status).toBe(200)
      expect(
        Buffer.from(await answer.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-')
    }
  })

  it('writes the same pack as XLSX, read back with the figures of the shared functions', async () => {
    const plan = await stored()
    const summary = executiveSummary(pricedSkus(plan), daysPerPeriod('week'))
    const response = await fetch(`${server.url}/api/plans/${planId}/meeting-pack.xlsx`, {
      headers: server.headers('viewer'),
    })
    expect(response.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer)
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Summary',
      'Agenda',
      'Decisions',
      'Actions',
    ])
    const rows = new Map<string, unknown>()
    workbook.getWorksheet('Summary')!.eachRow((row) => {
      const label = row.getCell(1).value
      if (typeof label === 'string' && !rows.has(label)) rows.set(label, row.getCell(2).value)
    })
    expect(rows.get('Revenue planned')).toBeCloseTo(summary.totals.revenuePlanned, 6)
    expect(rows.get('Revenue at risk')).toBeCloseTo(summary.totals.revenueAtRisk, 6)
    const agenda = workbook.getWorksheet('Agenda')!
    expect(agenda.getRow(1).getCell(2).value).toBe('Item')
    expect(agenda.rowCount).toBeGreaterThan(1)
  })

  it('refuses a viewer without a role in the plan, and says clearly when Chromium is missing', async () => {
    const unknown = await fetch(`${server.url}/api/plans/no-such-plan/meeting-pack.pdf`, {
      headers: server.headers('viewer'),
    })
    expect(unknown.status).toBeGreaterThanOrEqual(403)
    const temp = await tempSqliteStore()
    const bare = await startTestServer(temp.store, {
      pdf: { chromiumPath: join(dir, 'no-chromium'), timeoutMs: 30_000 },
    })
    try {
      const id = await createPlan(bare, { skuCount: 3, periodCount: 4 })
      const answer = await fetch(`${bare.url}/api/plans/${id}/meeting-pack.pdf`, {
        headers: bare.headers('planner'),
      })
      expect(answer.status).toBe(503)
      const body = (await answer.json()) as { code: string; message: string }
      expect(body.code).toBe('pdfUnavailable')
      expect(body.message).toContain(join(dir, 'no-chromium'))
      expect(body.message).toContain('TANDEM_CHROMIUM_PATH')
      const xlsx = await fetch(`${bare.url}/api/plans/${id}/meeting-pack.xlsx`, {
        headers: bare.headers('planner'),
      })
      expect(xlsx.status).toBe(200)
    } finally {
      await bare.close()
      await temp.cleanup()
    }
  })
})
