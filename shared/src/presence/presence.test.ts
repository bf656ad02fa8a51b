import { describe, expect, it } from 'vitest'
import { ColourSlots, PRESENCE_PALETTE, slotColour } from './colour-slots.js'
import { presenceLabels } from './presence-labels.js'

describe('ColourSlots', () => {
  it('gives 20 people 20 distinct colours and keeps each for as long as they stay', () => {
    const slots = new ColourSlots()
    const colours = Array.from({ length: 20 }, (_, i) => slotColour(slots.join(`u${i}`)).colour)
    expect(new Set(colours).size).toBe(20)
    expect(slots.join('u3')).toBe(3)
    slots.leave('u3')
    expect(slots.join('u20')).toBe(3) // the freed slot
    expect(slots.slotOf('u4')).toBe(4) // nobody else moved
  })

  it('numbers the rounds past the palette, so no two people look alike', () => {
    expect(slotColour(PRESENCE_PALETTE.length + 1)).toEqual({
      colour: PRESENCE_PALETTE[1],
      round: 1,
    })
  })
})

describe('presenceLabels', () => {
  it('uses initials where they are unique and tells clashes apart', () => {
    const labels = presenceLabels([
      { id: 'a', name: 'Paula Planner' },
      { id: 'b', name: 'Peter Parker' },
      { id: 'c', name: 'Sam Sales' },
      { id: 'd', name: '王芳' },
    ])
    expect(labels.get('c')).toBe('SS')
    expect(labels.get('a')).not.toBe(labels.get('b'))
    expect(labels.get('a')).toBe('PPl')
    expect(labels.get('b')).toBe('PPa')
    expect(labels.get('d')).toBe('王芳')
  })

  it('numbers people with the same name, in a stable order', () => {
    const labels = presenceLabels([
      { id: 'y', name: 'Sam Sales' },
      { id: 'x', name: 'Sam Sales' },
    ])
    expect(labels.get('x')).toBe('SS')
    expect(labels.get('y')).toBe('SS 2')
  })
})
