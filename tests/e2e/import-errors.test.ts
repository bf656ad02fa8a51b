import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import { createPlan, openBoard, personContext, readCell, useE2ESuite } from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

/** Spreadsheet column letters: 1 → A, 27 → AA. */
function columnLetters(column: number): string {
  let letters = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  }
  return letters
}

describe('import errors in the UI language', () => {
  it('shows why a bad demand cell is refused, in Chinese, naming sheet, row and column', async () => {
    const plan = await createPlan(server, { skuCount: 4, periodCount: 6 }, 'Import errors plan')
    const context = track(await personContext(browser, server, { account: 'planner' }))
    const planner = await openBoard(context, server.url, plan.id)
    await planner.selectOption('[data-testid="language-switch"]', 'zh-CN')
    await planner.waitForFunction(() => document.documentElement.lang === 'zh-CN')
    const before = await readCell(planner, 'demand', 'SKU-00001', 5)

    const response = await fetch(`${server.url}/api/plans/${plan.id}/export.csv`, {
      headers: server.headers('planner'),
    })
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split(/\r?\n/)
    const row = lines.findIndex((line) => line.includes('SKU-00001') && /demand/i.test(line))
    const cells = lines[row].split(',')
    cells[cells.length - 1] = 'lots'
    lines[row] = cells.join(',')
    const period = lines[0].split(',').at(-1)!

    await planner.click('[data-testid="versions-button"]')
    await planner.click('[data-testid="tab-excel"]')
    await planner.setInputFiles('[data-testid="update-file"]', {
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    })
    const issue = planner.locator('[data-testid="upload-error"] li[data-code="notANumber"]')
    await issue.waitFor()
    expect(await issue.textContent()).toBe(
      `工作表 Plan，第 ${row + 1} 行，第 ${columnLetters(cells.length)} 列：` +
        `${period}必须是数字，而不是“lots”。`,
    )
    const shown = (await planner.locator('[data-testid="upload-error"]').textContent()) ?? ''
    expect(shown).toContain('文件被拒绝')
    expect(shown).not.toMatch(/must be a number|sheet Plan|row \d/)
    expect(await readCell(planner, 'demand', 'SKU-00001', 5)).toBe(before)
  })
})
