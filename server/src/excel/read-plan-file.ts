import type { ColumnMapping, PlanInput } from '@tandem/shared'
import type { ImportDeadline } from './import-deadline.js'
import type { ActualsEntry } from '../actuals/actuals-changes.js'
import { parseHistorySheet } from './history-sheet.js'
import { IssueList } from './import-issue.js'
import type { PlanSheet } from './parse-plan-sheet.js'
import { parsePlanSheet } from './parse-plan-sheet.js'
import { parseSettingsSheet } from './parse-settings-sheet.js'
import { planInputFromSheet } from './plan-input-from-sheet.js'
import { parseSitesSheet } from './site-sheets.js'
import type { ImportFormat } from './read-import-file.js'
import { readImportFile, refusedCells } from './read-import-file.js'

/**
 * Reads a whole new plan from a file, its columns read as `mapping` says. Throws an ImportProblem naming every bad cell (up to a
 * limit), so nothing is created from a file with any problem.
 */
export async function readPlanFile(
  file: Buffer,
  format: ImportFormat,
  deadline: ImportDeadline,
  name?: string,
  mapping: ColumnMapping = {},
): Promise<PlanInput> {
  const sheets = await readImportFile(file, format, deadline)
  const issues = new IssueList()
  for (const issue of refusedCells(sheets)) issues.add(issue)
  const sheet = parsePlanSheet(sheets.plan, issues, mapping)
  const settings = sheets.settings ? parseSettingsSheet(sheets.settings, issues) : {}
  const sites = sheets.sites ? parseSitesSheet(sheets.sites, issues) : []
  return planInputFromSheet(sheet, settings, issues, name, { sites, transfers: sheets.transfers })
}

/**
 * Reads the Plan sheet (and History and Production history, if any) of a file that updates a
 * plan, its columns read as `mapping` says; problems go to `issues`.
 */
export async function readPlanSheet(
  file: Buffer,
  format: ImportFormat,
  deadline: ImportDeadline,
  issues: IssueList,
  mapping: ColumnMapping = {},
): Promise<PlanSheet & { actuals: ActualsEntry[]; production: ActualsEntry[] }> {
  const sheets = await readImportFile(file, format, deadline)
  for (const issue of refusedCells(sheets)) issues.add(issue)
  const actuals = sheets.history ? parseHistorySheet(sheets.history, issues) : []
  const production = sheets.production
    ? parseHistorySheet(sheets.production, issues, 'production')
    : []
  return { ...parsePlanSheet(sheets.plan, issues, mapping), actuals, production }
}
