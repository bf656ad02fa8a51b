import type { TFunction } from 'i18next'
import type { ImportIssue, ImportPlace } from '@tandem/shared'

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  }
  return letters
}

/** The place in the UI's language: sheet, row and column; undefined for the whole file. */
export function importPlaceText(t: TFunction, place: ImportPlace): string | undefined {
  const { sheet, row, column } = place
  if (sheet === undefined) return undefined
  if (!row) return t('importPlace.sheet', { sheet })
  if (column === undefined) return t('importPlace.row', { sheet, row })
  return t('importPlace.cell', { sheet, row, column: columnLetters(column) })
}

/**
 * The reason in the UI's language. Measures, roles and the plan column or setting the place
 * names are translated too; a capacity row's key is a resource, so `_capacity` keys say so.
 */
export function importReasonText(t: TFunction, issue: ImportIssue): string {
  const { params, place } = issue
  const values: Record<string, string | number> = { ...params }
  if (typeof params.measure === 'string') values.measure = t(`measure.${params.measure}`)
  if (typeof params.role === 'string') values.role = t(`role.${params.role}`)
  if (place.field !== undefined && 'header' in params) {
    values.header = t(`importField.${place.field}`, { defaultValue: place.field })
  }
  const context = params.measure === 'capacity' ? 'capacity' : undefined
  return t(`importIssue.${issue.code}`, { ...values, context })
}
