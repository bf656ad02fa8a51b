/** A person's claim on a colour slot, as each client publishes it in its presence. */
export interface SlotClaim {
  userId: string
  slot: number
  /** When the person joined the plan (ms since the epoch): the earlier claim keeps a slot. */
  since: number
}

/**
 * The colour slot I hold, decided by me alone from the claims I see, so that every client ends
 * up with the same colours without a server: I keep my slot unless someone who joined before me
 * (or at the same moment with a smaller user id) claims it too; then I take the lowest slot no
 * one else claims. My own other tabs share my slot. Applied by every client on every presence
 * change, the claims settle on distinct slots, and nobody already settled ever moves.
 */
export function claimColourSlot(
  me: { userId: string; slot: number | undefined; since: number },
  others: readonly SlotClaim[],
): number {
  const strangers = others.filter((claim) => claim.userId !== me.userId)
  const mine = others.filter((claim) => claim.userId === me.userId).map((claim) => claim.slot)
  const wanted = me.slot ?? (mine.length > 0 ? Math.min(...mine) : undefined)
  const beatsMe = (claim: SlotClaim) =>
    claim.since < me.since || (claim.since === me.since && claim.userId < me.userId)
  if (wanted !== undefined && !strangers.some((claim) => claim.slot === wanted && beatsMe(claim)))
    return wanted
  const taken = new Set(strangers.map((claim) => claim.slot))
  let slot = 0
  while (taken.has(slot)) slot++
  return slot
}
