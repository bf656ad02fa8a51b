import { readFile, writeFile } from 'node:fs/promises'
import { extname } from 'node:path'
import * as Y from 'yjs'
import { PlanDoc } from '@tandem/shared'
import { ImportDeadline } from '../excel/import-deadline.js'
import { ImportProblem } from '../excel/import-issue.js'
import { importIssueMessage } from '../excel/import-issue-message.js'
import { IMPORT_LIMITS } from '../excel/import-limits.js'
import { planGridSheet } from '../excel/plan-grid-sheets.js'
import { planUserNames } from '../excel/plan-user-names.js'
import { planWorkbook } from '../excel/plan-workbook.js'
import type { ImportFormat } from '../excel/read-import-file.js'
import { readPlanFile } from '../excel/read-plan-file.js'
import { writeCsv } from '../excel/write-csv.js'
import { writeXlsx } from '../excel/write-xlsx.js'
import { ApiProblem } from '../http/api-problem.js'
import { newPlanId, storeNewPlan } from '../plans/store-new-plan.js'
import type { Accounts } from '../store/accounts.js'
import type { PlanLog } from '../store/plan-log.js'
import { CliError } from './cli-error.js'
import type { CliOutput } from './cli-output.js'

/** The CLI reads a file with no request deadline but the server's; a minute is plenty. */
const IMPORT_TIME_LIMIT_MS = 60_000

/** `plans list`: id, name, SKUs, periods and creation time, one plan a line. */
export async function listPlansCommand(log: PlanLog, out: CliOutput): Promise<void> {
  const plans = await log.listPlans()
  if (plans.length === 0) out.print('No plans.')
  for (const plan of plans) {
    const periods = `${plan.periodCount} ${plan.periodKind} periods from ${plan.firstPeriod}`
    out.print([plan.id, plan.name, `${plan.skuCount} SKUs`, periods, plan.createdAt].join('\t'))
  }
}

/** `plan import FILE`: a new plan from an .xlsx or .csv file, checked as the REST import is. */
export async function importPlanCommand(
  log: PlanLog,
  file: string | undefined,
  options: { name?: string; id?: string },
  out: CliOutput,
): Promise<void> {
  const format = formatOf('FILE', file)
  const id = asCliError('--id', () => newPlanId(options.id))
  if (await log.getPlan(id)) throw new CliError('--id', `a plan with id ${id} already exists`)
  const bytes = await readInput(file as string)
  if (bytes.length > IMPORT_LIMITS.bytes)
    throw new CliError('FILE', `import files are limited to ${IMPORT_LIMITS.bytes} bytes`)
  let input
  try {
    input = await readPlanFile(
      bytes,
      format,
      new ImportDeadline(IMPORT_TIME_LIMIT_MS),
      options.name,
    )
  } catch (error) {
    if (!(error instanceof ImportProblem)) throw error
    const lines = error.issues.map((issue) => `  ${importIssueMessage(issue)}`)
    const more = error.issueCount - error.issues.length
    if (more > 0) lines.push(`  (and ${more} more)`)
    throw new CliError('FILE', `${file} cannot be imported:\n${lines.join('\n')}`)
  }
  const { record } = await asCliErrorAsync('--id', () => storeNewPlan(log, id, input))
  out.print(`Imported plan ${record.id} "${record.name}": ${record.skuCount} SKUs.`)
}

/**
 * `plan export ID FILE`: the plan's durable state (its snapshot and every saved update after
 * it) as a workbook or the plan grid as CSV, by FILE's extension, as the REST export writes it.
 */
export async function exportPlanCommand(
  stores: { log: PlanLog; accounts: Accounts },
  planId: string | undefined,
  file: string | undefined,
  out: CliOutput,
): Promise<void> {
  if (!planId) throw new CliError('ID', 'give the id of the plan to export (see `plans list`)')
  const format = formatOf('FILE', file)
  const state = await stores.log.loadPlan(planId)
  if (!state) throw new CliError('ID', `there is no plan with id ${planId} (see \`plans list\`)`)
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state.snapshot)
    for (const entry of state.updates) Y.applyUpdate(doc, entry.update)
    const plan = new PlanDoc(doc)
    const bytes =
      format === 'csv'
        ? writeCsv(planGridSheet(plan))
        : await writeXlsx(planWorkbook(plan, await planUserNames(stores.accounts, plan)))
    await writeFile(file as string, bytes)
    out.print(`Exported plan ${planId} to ${file} (${bytes.length} bytes).`)
  } finally {
    doc.destroy()
  }
}

function formatOf(argument: string, file: string | undefined): ImportFormat {
  if (!file) throw new CliError(argument, 'give a file name ending in .xlsx or .csv')
  const extension = extname(file).toLowerCase()
  if (extension === '.xlsx') return 'xlsx'
  if (extension === '.csv') return 'csv'
  throw new CliError(
    argument,
    `${file} must end in .xlsx or .csv (not "${extension || 'nothing'}")`,
  )
}

async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file)
  } catch (error) {
    throw new CliError('FILE', `${file} cannot be read (${(error as Error).message})`)
  }
}

function asCliError<T>(argument: string, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof ApiProblem) throw new CliError(argument, error.message)
    throw error
  }
}

async function asCliErrorAsync<T>(argument: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof ApiProblem) throw new CliError(argument, error.message)
    throw error
  }
}
