/** A cell of a sheet, 1-based, as the file shows it. */
export interface CellPlace {
  sheet: string
  row: number
  /** Omitted for a whole row. */
  column?: number
}

/** The column's letters as Excel shows them: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  }
  return letters
}

/** The machine-readable name of a place: `Plan!R12C4`, or `Plan!R12` for a row. */
export function cellField(place: CellPlace): string {
  return place.column === undefined
    ? `${place.sheet}!R${place.row}`
    : `${place.sheet}!R${place.row}C${place.column}`
}

/** The place as a planner reads it: `sheet Plan, row 12, column D`. */
export function describePlace(place: CellPlace): string {
  const row = `sheet ${place.sheet}, row ${place.row}`
  return place.column === undefined ? row : `${row}, column ${columnLetters(place.column)}`
}
