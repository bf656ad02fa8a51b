/**
 * 24 colours that stay apart from each other on a white board and under the gap colours, in the
 * order they are handed out: the first few are the most distinct.
 */
export const PRESENCE_PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#bcbd22',
  '#393b79',
  '#637939',
  '#8c6d31',
  '#843c39',
  '#7b4173',
  '#3182bd',
  '#e6550d',
  '#31a354',
  '#756bb1',
  '#636363',
  '#fd8d3c',
  '#74c476',
  '#9e9ac8',
  '#6baed6',
  '#e7969c',
] as const

/**
 * Colour slots of the people in one plan: each person keeps their slot for as long as they are
 * in it, a newcomer takes the lowest free one, and a slot is free again when its person leaves.
 * Slots past the palette reuse its colours with a number, so no two people ever look alike.
 */
export class ColourSlots {
  private readonly slots = new Map<string, number>()

  /** The slot of `userId`, taking the lowest free one when they have none yet. */
  join(userId: string): number {
    const held = this.slots.get(userId)
    if (held !== undefined) return held
    const taken = new Set(this.slots.values())
    let slot = 0
    while (taken.has(slot)) slot++
    this.slots.set(userId, slot)
    return slot
  }

  /** Frees the slot of a person who has left the plan. */
  leave(userId: string): void {
    this.slots.delete(userId)
  }

  slotOf(userId: string): number | undefined {
    return this.slots.get(userId)
  }
}

/** The colour of a slot, and the round of the palette it is in (0 for the first 24 people). */
export function slotColour(slot: number): { colour: string; round: number } {
  const size = PRESENCE_PALETTE.length
  return { colour: PRESENCE_PALETTE[slot % size]!, round: Math.floor(slot / size) }
}
