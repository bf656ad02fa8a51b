/**
 * The two kinds of actuals a SKU's actuals row holds: what was really sold (`demand`, in
 * `base`/`edits`) and what was really made (`production`, in `productionBase`/`productionEdits`).
 */
export const ACTUALS_KINDS = ['demand', 'production'] as const
export type ActualsKind = (typeof ACTUALS_KINDS)[number]

export function isActualsKind(value: unknown): value is ActualsKind {
  return typeof value === 'string' && (ACTUALS_KINDS as readonly string[]).includes(value)
}

/** The row parts that hold one kind of actuals. */
export function actualsParts(kind: ActualsKind): { base: string; edits: string } {
  return kind === 'demand'
    ? { base: 'base', edits: 'edits' }
    : { base: 'productionBase', edits: 'productionEdits' }
}
