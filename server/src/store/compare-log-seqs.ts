/**
 * Orders two log sequence numbers of one plan. Seqs are digit groups joined by `-` (`"12"` in
 * SQLite, `"1700000000000-3"` for a Redis stream id), compared group by group.
 */
export function compareLogSeqs(a: string, b: string): number {
  const left = a.split('-')
  const right = b.split('-')
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = BigInt(left[i] ?? '-1') - BigInt(right[i] ?? '-1')
    if (diff !== 0n) return diff < 0n ? -1 : 1
  }
  return 0
}

/** Whether `seq` comes after `position`; everything comes after no position. */
export function isAfter(seq: string, position: string | undefined): boolean {
  return position === undefined || compareLogSeqs(seq, position) > 0
}
