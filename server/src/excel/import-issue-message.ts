import type { ImportIssue, ImportIssueCode } from '@tandem/shared'
import { describePlace } from './cell-address.js'

type Params = ImportIssue['params']

const cell = (p: Params) => `${p.measure} ${p.key}, ${p.period} (period ${p.periodIndex})`
const what = (p: Params) => (p.measure === 'capacity' ? 'resource id' : 'SKU')

/** Each issue's reason in English, for API callers and logs; the UI has its own words. */
const REASONS: { [C in ImportIssueCode]: (p: Params) => string } = {
  fileEmpty: () => 'the file is empty',
  fileTooLarge: (p) => `import files are limited to ${p.maxBytes} bytes`,
  notXlsx: (p) =>
    `the file could not be read as an XLSX workbook${p.detail ? ` (${p.detail})` : ''}`,
  xlsxTooLarge: (p) => `the file unpacks to ${p.bytes} bytes; at most ${p.maxBytes} are read`,
  xlsxCorrupt: (p) => `the file is damaged: ${p.entry} cannot be unpacked (${p.reason})`,
  sharedStringsTooLarge: (p) =>
    `the workbook's shared strings unpack to ${p.bytes} bytes; at most ${p.maxBytes} are read`,
  tooManySharedStrings: (p) => `the workbook holds more than ${p.max} shared strings`,
  importTimedOut: (p) => `reading the file took longer than ${p.seconds} s`,
  unknownEncoding: () => 'the file is not text in UTF-8, UTF-16 or GB18030 (GBK)',
  binaryData: () => 'the file holds binary data, not text',
  noSheets: () => 'the workbook has no sheets',
  tooManyRows: (p) => `a sheet may have at most ${p.max} rows`,
  tooManyColumns: (p) => `a sheet may have at most ${p.max} columns`,
  cellTooLong: (p) => `a cell may hold at most ${p.max} characters (this one has ${p.length})`,
  badQuotes: () => 'a quoted value is not closed, or a quote stands inside an unquoted value',
  formula: () => 'the cell holds a formula; formulas are never evaluated, so paste values instead',
  unsupportedValue: () => 'the cell holds a value that is not supported',
  emptySheet: () => 'the sheet is empty',
  unknownColumn: (p) =>
    `unknown column "${p.header}": expected Family, SKU, … Measure or a period such as 2026-W49 or 2026-12`,
  duplicateColumn: (p) => `the column "${p.header}" appears twice`,
  mixedPeriods: (p) => `period ${p.period} mixes weeks and months; a plan has one kind of period`,
  missingColumn: (p) => `the header has no ${p.header} column`,
  noPeriods: () => 'the header has no period columns (such as 2026-W49 or 2026-12)',
  notAPeriod: (p) =>
    `"${p.header}" is mapped as a period but is not one: use 2026-W05, W05 2026, Jan 2026, 2026年1月 or a date`,
  periodsNotConsecutive: (p) =>
    `periods must be consecutive: expected ${p.expected} here, found ${p.found}`,
  unheadedValue: () => 'the cell has a value but its column has no header',
  emptyMeasure: () => 'Measure is empty; use demand, supply or capacity',
  unknownMeasure: (p) => `unknown measure "${p.value}"; use demand, supply or capacity`,
  emptyKey: (p) => `the ${what(p)} is empty`,
  invalidKey: (p) =>
    `"${p.value}" is not a valid ${what(p)}: letters, digits, ".", "_" and "-", up to 64 characters`,
  textTooLong: (p) => `${p.header} may have at most ${p.max} characters`,
  notANumber: (p) => `${p.header} must be a number (got "${p.value}")`,
  negativeValue: (p) => `${p.value} must not be negative`,
  valueTooLarge: (p) => `${p.value} must not exceed ${p.max}`,
  tooManyDecimals: (p) => `${p.value} has more than ${p.decimals} decimal places`,
  duplicateRow: (p) => `${p.key} has a second ${p.measure} row (first on row ${p.firstRow})`,
  conflictingItemField: (p) => `${p.header} differs from row ${p.firstRow} of ${p.key}`,
  unknownResource: (p) => `SKU ${p.key} uses resource ${p.resource}, which has no capacity row`,
  planCheckFailed: (p) => `the plan is not valid: ${p.detail}`,
  unknownSetting: (p) => `unknown setting "${p.key}"; use ${p.known}`,
  settingNotWholeNumber: (p) =>
    `${p.key} must be a whole number from 0 to ${p.max} (got "${p.value}")`,
  badFrozenThrough: (p) =>
    `frozenThrough must be a period of the plan (such as ${p.example}), an index or "none"`,
  outsideHorizon: (p) => `${p.period} is outside the plan's horizon (${p.first} to ${p.last})`,
  unknownActualsKind: (p) => `unknown kind of actuals "${p.value}"; use demand or production`,
  outsideActuals: (p) => `"${p.period}" is not a period of the actuals (${p.first} to ${p.last})`,
  unknownSku: (p) => `the plan has no SKU ${p.key}`,
  forbiddenRole: (p) => `A ${p.role} may not change ${p.measure}: ${cell(p)}`,
  planApproved: (p) => `The plan is approved and read-only: ${cell(p)}`,
  frozenPeriod: (p) => `${cell(p)} is in a frozen period`,
  cellRefused: (p) => `${cell(p)} was refused (${p.rule})`,
}

/** The issue in English, led by its place: `sheet Plan, row 12, column D: …`. */
export function importIssueMessage(issue: ImportIssue): string {
  const reason = REASONS[issue.code](issue.params)
  const place = describePlace(issue.place)
  return place ? `${place}: ${reason}` : reason
}
