import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DEMO_PLAN_ID, ensureDemoPlan } from '@tandem/server'
import type { AccuracyReport, PlanVersion } from '@tandem/shared'
import { ACCURACY_SKU_PAGE, HISTORY_PERIODS, PlanDoc, readActuals } from '@tandem/shared'
import { materializeStoredPlan } from '../security/support/stored-plan.js'
import type { E2EServer } from './harness.js'
import { openBoard, personContext, SCREENSHOTS, useE2ESuite, waitForGrid } from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

const WEEK = 7 * 86_400_000
const weekIndex = (from: string, at: Date) =>
  Math.floor((at.getTime() - new Date(`${from}T00:00:00Z`).getTime()) / WEEK)

/**
 * The consensus WMAPE of the demo at a lag, for one family, computed here from the versions
 * fetched over REST and the stored actuals: for each closed week t, the consensus published in
 * week t − lag (the later one if several), Σ|A − F| / ΣA over the family's SKUs.
 */
async function consensusWmape(lag: number, family: string): Promise<number> {
  const headers = server.headers('planner')
  const base = `${server.url}/api/plans/${DEMO_PLAN_ID}`
  const { versions } = (await (await fetch(`${base}/versions`, { headers })).json()) as {
    versions: PlanVersion[]
  }
  const live = new PlanDoc(await materializeStoredPlan(server.store.log, DEMO_PLAN_ID))
  const { firstPeriod } = live.readMeta()
  const skus = live.listSkus().filter((sku) => live.readItem(sku)!.family === family)
  const byWeek = new Map<number, PlanVersion>()
  for (const v of versions.filter((v) => v.kind === 'consensus'))
    byWeek.set(weekIndex(firstPeriod, new Date(v.createdAt)), v)
  let error = 0
  let total = 0
  for (const [published, version] of byWeek) {
    const t = published + lag
    if (t >= 0) continue
    const bytes = new Uint8Array(
      await (await fetch(`${base}/versions/${version.id}/snapshot`, { headers })).arrayBuffer(),
    )
    const doc = new Y.Doc()
    Y.applyUpdate(doc, bytes)
    const snapshot = new PlanDoc(doc)
    const index = weekIndex(
      snapshot.readMeta().firstPeriod,
      new Date(Date.parse(`${firstPeriod}T00:00:00Z`) + t * WEEK),
    )
    for (const sku of skus) {
      const actual = readActuals(live, sku)[HISTORY_PERIODS.week + t]
      if (actual === null || actual === undefined) continue
      error += Math.abs(actual - snapshot.readCell('demand', sku, index))
      total += actual
    }
  }
  return error / total
}

describe('the Accuracy page on the demo plan', () => {
  it('shows figures a planner can check, in English and Chinese, and exports them to XLSX', async () => {
    await ensureDemoPlan(server.store, {
      sales: server.users.sales.id,
      planner: server.users.planner.id,
    })
    const context = track(await personContext(browser, server, { account: 'planner' }))
    const board = await openBoard(context, server.url, DEMO_PLAN_ID)
    await board.click('[data-testid="accuracy-button"]')
    const page = board
    await page.waitForSelector('[data-testid="accuracy-report"][data-lag="1"]')
    expect(page.url()).toBe(`${server.url}/plans/${DEMO_PLAN_ID}/accuracy?lag=1`)

    await page.selectOption('[data-testid="accuracy-lag"]', '2')
    const family = (await page
      .locator('[data-testid="accuracy-family"] option')
      .nth(2)
      .getAttribute('value'))!
    await page.selectOption('[data-testid="accuracy-family"]', family)
    await page.waitForSelector('[data-testid="accuracy-report"][data-lag="2"]')
    const expected = await consensusWmape(2, family)
    const shown = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 })
    await expect
      .poll(() => page.textContent('[data-testid="wmape-consensus"]'))
      .toBe(shown.format(expected))

    const byPerson = page.locator('[data-testid="accuracy-by-person"]')
    await byPerson.scrollIntoViewIfNeeded()
    await expect.poll(() => byPerson.locator('tbody tr').count()).toBe(2)
    expect(await byPerson.textContent()).toContain('Sales Tester')

    await page.selectOption('[data-testid="language-switch"]', 'zh-CN')
    await expect.poll(() => page.textContent('h1')).toBe('预测准确率')
    expect(await page.textContent('[data-testid="accuracy-stages"]')).toContain('共识计划')
    await page.screenshot({ path: join(SCREENSHOTS, 'accuracy-page.png'), fullPage: false })

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="accuracy-export"]'),
    ])
    const file = await readFile((await download.path())!)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('按人员的预测增值')
    const measures = workbook.getWorksheet('指标')!
    expect(measures.getRow(1).getCell(2).value).toBe('WMAPE %')
    const consensus = measures.getRow(5)
    expect(consensus.getCell(1).value).toBe('共识计划')
    expect(consensus.getCell(2).value).toBe(Math.round(expected * 1000) / 1000)
    expect(consensus.getCell(2).numFmt).toBe('0.0%')
    const people = workbook.getWorksheet('按人员的预测增值')!
    const names = [2, 3].map((r) => people.getRow(r).getCell(1).value)
    expect(names.sort()).toEqual(['Planner Tester', 'Sales Tester'])
  })

  it('opens a lag and scope by URL, pages the SKUs, measures one SKU, and links an offender to the board', async () => {
    await ensureDemoPlan(server.store, {
      sales: server.users.sales.id,
      planner: server.users.planner.id,
    })
    const headers = server.headers('planner')
    const api = async (query: string) =>
      (await (
        await fetch(`${server.url}/api/plans/${DEMO_PLAN_ID}/accuracy?${query}`, { headers })
      ).json()) as AccuracyReport
    const context = track(await personContext(browser, server, { account: 'planner' }))
    const page = await context.newPage()
    await page.goto(`${server.url}/plans/${DEMO_PLAN_ID}/accuracy?lag=3`)
    await page.waitForSelector('[data-testid="accuracy-report"][data-lag="3"]', {
      timeout: 10_000,
    })
    expect(await page.inputValue('[data-testid="accuracy-lag"]')).toBe('3')
    await page.selectOption('[data-testid="accuracy-trend-measure"]', 'bias')
    await expect
      .poll(() => page.getAttribute('[data-testid="accuracy-trend"]', 'data-measure'))
      .toBe('bias')

    // The SKUs a page at a time, as the API lists them.
    const all = await api('lag=3&skuLimit=500')
    expect(all.skuRows).toBeGreaterThan(ACCURACY_SKU_PAGE)
    const skuCells = page.locator('[data-testid="accuracy-skus"] tbody tr td:first-child button')
    const listed = () => skuCells.allTextContents()
    await expect.poll(listed).toEqual(all.skus.slice(0, ACCURACY_SKU_PAGE).map((r) => r.key))
    const pager = page.locator('[data-testid="accuracy-sku-pager"]')
    expect(await pager.textContent()).toContain(
      `SKUs 1–${ACCURACY_SKU_PAGE} of ${all.skuRows} listed`,
    )
    await pager.locator('button').nth(1).click()
    await expect
      .poll(listed, { timeout: 10_000 })
      .toEqual(all.skus.slice(ACCURACY_SKU_PAGE, 2 * ACCURACY_SKU_PAGE).map((r) => r.key))

    // One SKU: the URL names it and the figures are that SKU's.
    const sku = all.skus[ACCURACY_SKU_PAGE]!.key
    await skuCells.first().click()
    await page.waitForSelector('[data-testid="accuracy-sku-scope"]', { timeout: 10_000 })
    expect(new URL(page.url()).searchParams.get('sku')).toBe(sku)
    const one = await api(`lag=3&sku=${encodeURIComponent(sku)}`)
    expect(one.skuCount).toBe(1)
    await expect
      .poll(() => page.textContent('[data-testid="accuracy-report"] > p.muted'))
      .toMatch(/, 1 SKU$/)
    const shown = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 })
    const consensus = one.stages.find((s) => s.stage === 'consensus')!.measures!.wmape!
    await expect
      .poll(() => page.textContent('[data-testid="wmape-consensus"]'), { timeout: 10_000 })
      .toBe(shown.format(consensus))
    await page.reload()
    await page.waitForSelector('[data-testid="accuracy-sku-scope"]', { timeout: 10_000 })
    expect(await page.textContent('[data-testid="wmape-consensus"]')).toBe(shown.format(consensus))
    await page.click('[data-testid="accuracy-sku-scope"] button')
    await expect.poll(() => new URL(page.url()).searchParams.get('sku')).toBe(null)

    // A worst offender opens the board at its SKU.
    const offender = page.locator('[data-testid="offender-link"]').first()
    await offender.waitFor({ timeout: 10_000 })
    const target = (await offender.textContent())!
    const href = (await offender.getAttribute('href'))!
    expect(new URL(href).searchParams.get('cell')).toBe(`sku:${target}:demand`)
    await offender.click()
    await page.waitForURL((url) => url.pathname === `/plans/${DEMO_PLAN_ID}`, { timeout: 10_000 })
    await page.waitForSelector('[data-testid="connection-status"][data-status="online"]', {
      timeout: 30_000,
    })
    // The same link with the debug handle, to read the board's selection.
    await page.goto(`${href}&debug=1`)
    await waitForGrid(page)
    await expect
      .poll(() => page.evaluate(() => window.__tandem?.currentCell()?.row), { timeout: 10_000 })
      .toBe(`sku:${target}:demand`)
  })
})
