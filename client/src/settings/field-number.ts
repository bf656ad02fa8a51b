/** A number typed into a settings or master data field: blank is 0, anything else NaN. */
export function fieldNumber(text: string): number {
  const trimmed = text.replace(/[\s\u00a0\u202f,]/g, '')
  if (trimmed === '') return 0
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(trimmed) ? Number(trimmed) : Number.NaN
}
