/** The outcome of spreading a total: the new values, or why it cannot be spread. */
export type SpreadResult =
  | { ok: true; values: number[] }
  | { ok: false; reason: 'frozenExceedsTotal' | 'nothingEditable' | 'negativeTotal' | 'notANumber' }

/**
 * Spreads a family total over its SKUs in proportion to their current values (evenly when all
 * editable values are zero). Frozen values are kept; largest-remainder rounding to `decimals`
 * places makes the result add up to the total exactly.
 */
export function spreadTotal(
  total: number,
  current: readonly number[],
  frozen: readonly boolean[],
  decimals = 0,
): SpreadResult {
  if (!Number.isFinite(total)) return { ok: false, reason: 'notANumber' }
  if (total < 0) return { ok: false, reason: 'negativeTotal' }
  const scale = 10 ** decimals
  const editable = current.map((_, i) => !frozen[i])
  const editableCount = editable.filter(Boolean).length
  const frozenSum = current.reduce((sum, v, i) => (editable[i] ? sum : sum + v), 0)
  const target = Math.round((total - frozenSum) * scale)
  if (target < 0) return { ok: false, reason: 'frozenExceedsTotal' }
  if (editableCount === 0) {
    return target === 0
      ? { ok: true, values: [...current] }
      : { ok: false, reason: 'nothingEditable' }
  }
  const weightSum = current.reduce((sum, v, i) => (editable[i] ? sum + Math.max(v, 0) : sum), 0)
  const shares = current.map((v, i) =>
    !editable[i]
      ? 0
      : weightSum > 0
        ? (target * Math.max(v, 0)) / weightSum
        : target / editableCount,
  )
  const floors = shares.map(Math.floor)
  let remainder = target - floors.reduce((a, b) => a + b, 0)
  const order = shares
    .map((share, i) => ({ i, fraction: share - floors[i] }))
    .filter(({ i }) => editable[i])
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i)
  for (const { i } of order) {
    if (remainder <= 0) break
    floors[i] += 1
    remainder -= 1
  }
  return { ok: true, values: current.map((v, i) => (editable[i] ? floors[i] / scale : v)) }
}
