import { describe, expect, it } from 'vitest'
import { seededRandom } from '../seeded-random.js'
import type { SlotClaim } from './claim-colour-slot.js'
import { claimColourSlot } from './claim-colour-slot.js'
import { slotColour } from './colour-slots.js'

/** Clients that each see a random part of the others' claims per round, then all of them. */
function settle(people: { userId: string; since: number }[], seed: number): Map<string, number> {
  const random = seededRandom(seed)
  const slots = new Map<string, number | undefined>(people.map((p) => [p.userId, undefined]))
  const claims = (): SlotClaim[] =>
    people.flatMap((p) => {
      const slot = slots.get(p.userId)
      return slot === undefined ? [] : [{ ...p, slot }]
    })
  for (let round = 0; round < 60; round++) {
    const partial = round < 30
    const seen = claims()
    for (const person of people) {
      const visible = partial ? seen.filter(() => random.next() < 0.4) : seen
      slots.set(
        person.userId,
        claimColourSlot({ ...person, slot: slots.get(person.userId) }, visible),
      )
    }
  }
  return new Map([...slots].map(([id, slot]) => [id, slot!]))
}

describe('claimColourSlot', () => {
  it('settles 20 people who join at once on 20 distinct colours, in any delivery order', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const people = Array.from({ length: 20 }, (_, i) => ({
        userId: `u-${String(i).padStart(2, '0')}`,
        since: 1000 + (i % 3),
      }))
      const settled = settle(people, seed)
      const colours = [...settled.values()].map((slot) => slotColour(slot).colour)
      expect(new Set(colours).size).toBe(20)
    }
  })

  it('keeps a settled colour when a newcomer briefly claims it', () => {
    const present = { userId: 'u-zed', slot: 0, since: 1000 }
    expect(claimColourSlot(present, [{ userId: 'u-abe', slot: 0, since: 2000 }])).toBe(0)
    expect(claimColourSlot({ userId: 'u-abe', slot: 0, since: 2000 }, [present])).toBe(1)
  })

  it('gives a person in two tabs one colour, and frees it when they leave', () => {
    expect(
      claimColourSlot({ userId: 'u-1', slot: undefined, since: 5 }, [
        { userId: 'u-1', slot: 3, since: 1 },
        { userId: 'u-2', slot: 0, since: 1 },
      ]),
    ).toBe(3)
    expect(
      claimColourSlot({ userId: 'u-3', slot: undefined, since: 9 }, [
        { userId: 'u-2', slot: 0, since: 1 },
      ]),
    ).toBe(1)
  })
})
