/** Money and days for the executive view: compact on the tiles, whole numbers in the tables. */
export interface MoneyFormat {
  compact: (value: number) => string
  whole: (value: number) => string
  signed: (value: number) => string
  days: (value: number | null) => string
}

export function moneyFormat(locale: string): MoneyFormat {
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 })
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const signed = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  })
  const days = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  return {
    compact: (value) => compact.format(value),
    whole: (value) => whole.format(value),
    signed: (value) => signed.format(value),
    days: (value) => (value === null ? '—' : days.format(value)),
  }
}
