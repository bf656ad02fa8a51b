import type { ImportIssue } from '@tandem/shared'
import type { ImportDeadline } from './import-deadline.js'
import { ImportProblem } from './import-issue.js'
import { readCsvSheet } from './read-csv-sheet.js'
import { readXlsxSheets } from './read-xlsx-sheets.js'
import { HISTORY_SHEET, PRODUCTION_SHEET } from './history-sheet.js'
import { SITES_SHEET, TRANSFERS_SHEET } from './site-sheets.js'
import type { SheetTable } from './sheet-table.js'

/** The formats an import accepts. */
export type ImportFormat = 'xlsx' | 'csv'

/** The media types of the formats. */
export const IMPORT_MEDIA_TYPES: Record<ImportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
}

/** The sheets of an imported file that Tandem reads. */
export interface ImportedSheets {
  plan: SheetTable
  settings?: SheetTable
  /** Actual demand (docs/import-format.md, History). */
  history?: SheetTable
  /** Actual production (docs/import-format.md, Production history). */
  production?: SheetTable
  sites?: SheetTable
  transfers?: SheetTable
}

/** The cells refused while reading the sheets an import uses, to list with its other problems. */
export function refusedCells(sheets: ImportedSheets): ImportIssue[] {
  const { plan, settings, history, production, sites, transfers } = sheets
  return [plan, settings, history, production, sites, transfers].flatMap(
    (table) => table?.refused ?? [],
  )
}

const PLAN_SHEET = ['plan', '计划']
const SETTINGS_SHEET = ['settings', '设置']

/**
 * Reads the Plan sheet (the sheet named Plan, else the first one) and the optional Settings,
 * History, Production history, Sites and Transfers sheets of an XLSX file, or a CSV file as the Plan sheet.
 */
export async function readImportFile(
  file: Buffer,
  format: ImportFormat,
  deadline: ImportDeadline,
): Promise<ImportedSheets> {
  if (file.length === 0) {
    throw ImportProblem.single('fileEmpty', {})
  }
  if (format === 'csv') return { plan: readCsvSheet(file, 'Plan') }
  const tables = await readXlsxSheets(
    file,
    (name, position) => {
      const lower = name.trim().toLowerCase()
      return (
        position === 0 ||
        PLAN_SHEET.includes(lower) ||
        SETTINGS_SHEET.includes(lower) ||
        HISTORY_SHEET.includes(lower) ||
        PRODUCTION_SHEET.includes(lower) ||
        SITES_SHEET.includes(lower) ||
        TRANSFERS_SHEET.includes(lower)
      )
    },
    deadline,
  )
  const named = (names: string[]) => tables.find((t) => names.includes(t.name.trim().toLowerCase()))
  const plan = named(PLAN_SHEET) ?? tables[0]
  if (!plan) {
    throw ImportProblem.single('noSheets', { sheet: 'Plan' })
  }
  const other = (names: string[]) => {
    const table = named(names)
    return table === plan ? undefined : table
  }
  return {
    plan,
    settings: named(SETTINGS_SHEET),
    history: other(HISTORY_SHEET),
    production: other(PRODUCTION_SHEET),
    sites: other(SITES_SHEET),
    transfers: other(TRANSFERS_SHEET),
  }
}
