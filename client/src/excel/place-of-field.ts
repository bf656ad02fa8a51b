/** A sheet, row and column read back from a field such as `Plan!R12C4`. */
export interface FilePlace {
  sheet: string
  row?: number
  column?: string
}

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  }
  return letters
}

export function placeOfField(field: string | undefined): FilePlace | undefined {
  if (!field) return undefined
  const match = /^(.*?)(?:!R(\d+)(?:C(\d+))?)?$/.exec(field)
  if (!match) return undefined
  return {
    sheet: match[1],
    row: match[2] ? Number(match[2]) : undefined,
    column: match[3] ? columnLetters(Number(match[3])) : undefined,
  }
}
