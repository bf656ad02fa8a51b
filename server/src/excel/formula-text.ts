const FORMULA_START = /^'*[=+\-@\t\r]/

/**
 * Escapes text that a spreadsheet could take for a formula (it starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) by prefixing a single quote. Text that already starts
 * with quotes before such a character gets one more, so `unescapeFormulaText` is exact.
 */
export function escapeFormulaText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** Undoes `escapeFormulaText` on imported text. */
export function unescapeFormulaText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text
}
