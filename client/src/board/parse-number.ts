/**
 * Reads a number typed or pasted by a person in `locale`: group separators and spaces are
 * ignored, the locale's decimal mark is accepted. Returns undefined for an empty text and NaN
 * for anything that is not a number.
 */
export function parseNumber(text: string, locale: string): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6)
  const group = parts.find((p) => p.type === 'group')?.value ?? ','
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.'
  const normalised = trimmed
    .replace(/[\s\u00a0\u202f]/g, '')
    .split(group)
    .join('')
    .replace(decimal, '.')
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalised)) return Number.NaN
  return Number(normalised)
}
