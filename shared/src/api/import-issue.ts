import type { ApiError, ErrorCode } from '../error-codes.js'
import type { Measure } from '../roots.js'
import type { ImportHeader } from './column-mapping.js'

/**
 * Every way an imported file can be wrong, each with the error code (and so the HTTP status)
 * a file refused for it answers with. The client translates each one as `importIssue.<code>`.
 */
export const IMPORT_ISSUE_CODES = {
  // The file as a whole
  fileEmpty: { answer: 'badRequest' },
  fileTooLarge: { answer: 'payloadTooLarge' },
  notXlsx: { answer: 'badRequest' },
  xlsxTooLarge: { answer: 'payloadTooLarge' },
  xlsxCorrupt: { answer: 'badRequest' },
  sharedStringsTooLarge: { answer: 'payloadTooLarge' },
  tooManySharedStrings: { answer: 'payloadTooLarge' },
  importTimedOut: { answer: 'payloadTooLarge' },
  unknownEncoding: { answer: 'badRequest' },
  binaryData: { answer: 'badRequest' },
  noSheets: { answer: 'invalidPlan' },
  tooManyRows: { answer: 'payloadTooLarge' },
  tooManyColumns: { answer: 'payloadTooLarge' },
  cellTooLong: { answer: 'payloadTooLarge' },
  badQuotes: { answer: 'invalidPlan' },
  formula: { answer: 'invalidPlan' },
  unsupportedValue: { answer: 'invalidPlan' },
  // The Plan sheet's header
  emptySheet: { answer: 'invalidPlan' },
  unknownColumn: { answer: 'invalidPlan' },
  duplicateColumn: { answer: 'invalidPlan' },
  mixedPeriods: { answer: 'invalidPlan' },
  missingColumn: { answer: 'invalidPlan' },
  noPeriods: { answer: 'invalidPlan' },
  notAPeriod: { answer: 'invalidPlan' },
  periodsNotConsecutive: { answer: 'invalidPlan' },
  // The Plan sheet's rows
  unheadedValue: { answer: 'invalidPlan' },
  emptyMeasure: { answer: 'invalidPlan' },
  unknownMeasure: { answer: 'invalidPlan' },
  emptyKey: { answer: 'invalidPlan' },
  invalidKey: { answer: 'invalidPlan' },
  textTooLong: { answer: 'invalidPlan' },
  notANumber: { answer: 'invalidPlan' },
  negativeValue: { answer: 'invalidPlan' },
  valueTooLarge: { answer: 'invalidPlan' },
  tooManyDecimals: { answer: 'invalidPlan' },
  duplicateRow: { answer: 'invalidPlan' },
  conflictingItemField: { answer: 'invalidPlan' },
  unknownResource: { answer: 'invalidPlan' },
  planCheckFailed: { answer: 'invalidPlan' },
  // The Settings sheet
  unknownSetting: { answer: 'invalidPlan' },
  settingNotWholeNumber: { answer: 'invalidPlan' },
  badFrozenThrough: { answer: 'invalidPlan' },
  // Updating a live plan
  outsideHorizon: { answer: 'invalidPlan' },
  outsideActuals: { answer: 'invalidPlan' },
  unknownActualsKind: { answer: 'invalidPlan' },
  unknownSku: { answer: 'invalidPlan' },
  forbiddenRole: { answer: 'forbidden' },
  planApproved: { answer: 'conflict' },
  frozenPeriod: { answer: 'conflict' },
  cellRefused: { answer: 'invalidPlan' },
} as const satisfies Record<string, { answer: ErrorCode }>

export type ImportIssueCode = keyof typeof IMPORT_ISSUE_CODES

/**
 * Where in a file an issue is, 1-based as a spreadsheet shows it. Empty for the file as a whole;
 * a sheet alone for a whole sheet; `field` names the plan column or setting concerned
 * (`openingStock`, `decimals`) or the period (`2026-W49`).
 */
export interface ImportPlace {
  sheet?: string
  row?: number
  column?: number
  field?: string
}

/** One thing wrong with an imported file: what, where, and the values the reason names. */
export interface ImportIssue {
  code: ImportIssueCode
  place: ImportPlace
  params: Record<string, string | number>
}

/**
 * An issue as the server sends it: also `field`, the place as `Plan!R12C4` (`Plan!R0` for a
 * whole sheet, `file!R0` for the file), and `message`, an English sentence for API callers and
 * logs. The UI translates `code` and never shows `message`.
 */
export interface ImportIssueAnswer extends ImportIssue {
  field: string
  message: string
}

/** The body of an import that failed: the first issue, then every issue (up to a limit). */
export interface ImportErrorBody extends ApiError {
  errors: ImportIssueAnswer[]
  errorCount: number
  /** The Plan sheet's header, when the file's columns were not understood: for the mapping step. */
  header?: ImportHeader
}

/** A cell an import changes, with its value before and after. */
export interface ImportCell {
  measure: Measure
  key: string
  /** The period's index in the plan. */
  period: number
  /** The period as the file names it: 2026-W49 or 2026-12. */
  periodKey: string
  from: number
  to: number
}

/** What an import preview answers: the cells the file changes and what is wrong with it. */
export interface ImportPreviewBody {
  cells: ImportCell[]
  changedCells: number
  /** Actuals the file's History sheet changes. */
  changedActuals: number
  errors: ImportIssueAnswer[]
  errorCount: number
}

export function isImportIssueCode(code: string): code is ImportIssueCode {
  return Object.hasOwn(IMPORT_ISSUE_CODES, code)
}
