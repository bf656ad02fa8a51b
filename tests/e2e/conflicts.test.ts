import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import {
  clickCell,
  createPlan,
  nameOf,
  openBoard,
  personContext,
  readCell,
  SCREENSHOTS,
  typeInto,
  useE2ESuite,
  waitUntil,
} from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

const ROW = 'sku:SKU-00002:demand'
const PERIOD = 3
const CELL = 'Demand forecast of SKU-00002, W52 · Dec 21'
const PLANNER = nameOf('planner')
const SALES = nameOf('sales')

async function twoPeople(): Promise<{ planner: Page; sales: Page }> {
  const plan = await createPlan(server, { skuCount: 20, periodCount: 12 })
  const open = async (account: 'planner' | 'sales') =>
    openBoard(track(await personContext(browser, server, { account })), server.url, plan.id)
  return { planner: await open('planner'), sales: await open('sales') }
}

async function saved(page: Page): Promise<void> {
  await expect
    .poll(() => page.textContent('[data-testid="save-state"]'), { timeout: 15_000 })
    .toBe('All changes saved')
}

async function offline(page: Page, on: boolean): Promise<void> {
  await page.context().setOffline(on)
  await page.waitForSelector(
    `[data-testid="connection-status"][data-status="${on ? 'offline' : 'online'}"]`,
  )
}

const conflictNotice = (page: Page) =>
  page.locator('[data-testid="notice"][data-tone="conflict"]').last()

/** Both people must hear of it: the one whose value went, and the one whose value stayed. */
async function expectBothTold(
  people: { page: Page; name: string; value: number }[],
  kept: number,
): Promise<{ loser: Page; winner: Page }> {
  const winner = people.find((p) => p.value === kept)!
  const loser = people.find((p) => p.value !== kept)!
  const lost = conflictNotice(loser.page)
  await lost.waitFor()
  expect(await lost.textContent()).toContain(
    `${winner.name} replaced your ${loser.value} with ${kept} in ${CELL}.`,
  )
  await lost.locator('[data-testid="conflict-restore-mine"]').waitFor()
  await lost.locator('[data-testid="conflict-keep-theirs"]').waitFor()
  const stayed = conflictNotice(winner.page)
  await stayed.waitFor()
  expect(await stayed.textContent()).toContain(
    `${loser.name} wrote ${loser.value} into ${CELL} without seeing your ${kept}`,
  )
  await stayed.locator('[data-testid="conflict-use-theirs"]').waitFor()
  return { loser: loser.page, winner: winner.page }
}

async function keptValue(planner: Page, sales: Page): Promise<number> {
  await expect
    .poll(async () => {
      const [a, b] = [
        await readCell(planner, 'demand', 'SKU-00002', PERIOD),
        await readCell(sales, 'demand', 'SKU-00002', PERIOD),
      ]
      return a === b ? a : undefined
    })
    .not.toBeUndefined()
  return readCell(planner, 'demand', 'SKU-00002', PERIOD)
}

describe('concurrent edits are visible, not silent', () => {
  it('two people typing into one cell at once are both told, and "restore mine" puts the lost value back', async () => {
    const { planner, sales } = await twoPeople()
    await offline(planner, true)
    await offline(sales, true)
    await typeInto(planner, ROW, PERIOD, '111')
    await typeInto(sales, ROW, PERIOD, '222')
    await offline(planner, false)
    await saved(planner)
    await offline(sales, false)
    await saved(sales)
    const kept = await keptValue(planner, sales)
    expect([111, 222]).toContain(kept)

    const { loser, winner } = await expectBothTold(
      [
        { page: planner, name: PLANNER, value: 111 },
        { page: sales, name: SALES, value: 222 },
      ],
      kept,
    )
    await loser.screenshot({ path: join(SCREENSHOTS, 'conflict-notice.png') })
    const mine = kept === 111 ? 222 : 111
    await conflictNotice(loser).locator('[data-testid="conflict-restore-mine"]').click()
    await winner.waitForFunction(
      (value) => window.__tandem?.readCell('demand', 'SKU-00002', 3) === value,
      mine,
    )
  })

  it('an open editor shows that a colleague changed the cell before Enter commits, and both are told after', async () => {
    const { planner, sales } = await twoPeople()
    await clickCell(planner, ROW, PERIOD)
    await planner.keyboard.type('55')
    await planner.waitForSelector('[data-testid="cell-editor"]')

    await typeInto(sales, ROW, PERIOD, '444')
    await saved(sales)
    const warning = planner.locator('[data-testid="editor-changed"]')
    await warning.waitFor()
    expect(await warning.textContent()).toBe(
      `${SALES} just changed this cell to 444. Enter writes yours over it; Escape keeps theirs.`,
    )
    expect(await planner.inputValue('[data-testid="cell-editor"]')).toBe('55')
    await planner.keyboard.press('Enter')
    await waitUntil(sales, () => window.__tandem?.readCell('demand', 'SKU-00002', 3) === 55)

    const mine = conflictNotice(planner)
    await mine.waitFor()
    expect(await mine.textContent()).toContain(
      `You replaced the 444 that ${SALES} had just written in ${CELL} with your 55.`,
    )
    const theirs = conflictNotice(sales)
    await theirs.waitFor()
    expect(await theirs.textContent()).toContain(`${PLANNER} replaced your 444 with 55 in ${CELL}.`)
    await theirs.locator('[data-testid="conflict-keep-theirs"]').click()
    await theirs.waitFor({ state: 'detached' })
    expect(await readCell(sales, 'demand', 'SKU-00002', PERIOD)).toBe(55)
  })

  it('an offline edit arriving after a colleague changed the cell tells both of them', async () => {
    const { planner, sales } = await twoPeople()
    await offline(planner, true)
    await typeInto(planner, ROW, PERIOD, '777')
    await typeInto(sales, ROW, PERIOD, '888')
    await saved(sales)
    await offline(planner, false)
    await saved(planner)
    const kept = await keptValue(planner, sales)
    expect([777, 888]).toContain(kept)
    await expectBothTold(
      [
        { page: planner, name: PLANNER, value: 777 },
        { page: sales, name: SALES, value: 888 },
      ],
      kept,
    )
  })
})
