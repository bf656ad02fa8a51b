import type { ImportPlace } from '@tandem/shared'

/** The column's letters as Excel shows them: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  }
  return letters
}

/**
 * The machine-readable name of a place: `Plan!R12C4`, `Plan!R12` for a row, `Plan!R0` for a
 * whole sheet and `file!R0` for the file.
 */
export function cellField(place: ImportPlace): string {
  if (place.sheet === undefined && place.row !== undefined)
    return `rows[${place.row - 1}]${place.field ? `.${place.field}` : ''}`
  const row = `${place.sheet ?? 'file'}!R${place.row ?? 0}`
  return place.column === undefined ? row : `${row}C${place.column}`
}

/** The place as a planner reads it, in English: `sheet Plan, row 12, column D`. */
export function describePlace(place: ImportPlace): string | undefined {
  if (place.sheet === undefined)
    return place.row === undefined
      ? undefined
      : [`row ${place.row}`, place.field && `column ${place.field}`].filter(Boolean).join(', ')
  const parts = [`sheet ${place.sheet}`]
  if (place.row !== undefined) parts.push(`row ${place.row}`)
  if (place.column !== undefined) parts.push(`column ${columnLetters(place.column)}`)
  return parts.join(', ')
}
