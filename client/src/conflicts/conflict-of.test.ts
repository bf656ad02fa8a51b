import { describe, expect, it } from 'vitest'
import type { StoredCellWrite } from '@tandem/shared'
import { conflictOfLocal, conflictOfRemote } from './conflict-of.js'

const cell = { measure: 'demand' as const, key: 'SKU-1', period: 2 }
const mine = { value: 111, at: 1_000, id: { client: 1, clock: 5 } }
const theirs = (over: Partial<StoredCellWrite>): StoredCellWrite => ({
  ...cell,
  value: 222,
  previous: 111,
  shown: 222,
  id: { client: 2, clock: 9 },
  seen: { client: 1, clock: 5 },
  ...over,
})

describe('conflictOfRemote', () => {
  it('tells me when someone replaced my value within the window, not after it', () => {
    expect(conflictOfRemote(mine, theirs({}), 3_000)).toEqual({
      kind: 'replaced',
      mine: 111,
      theirs: 222,
    })
    expect(conflictOfRemote(mine, theirs({}), 1_000 + 60_001)).toBeUndefined()
  })

  it('tells me about a write made at the same moment (or offline), however long ago', () => {
    const concurrent = theirs({ seen: null })
    expect(conflictOfRemote(mine, concurrent, 10_000_000)?.kind).toBe('replaced')
    expect(conflictOfRemote(mine, { ...concurrent, shown: 111 }, 2_000)).toEqual({
      kind: 'kept',
      mine: 111,
      theirs: 222,
    })
  })

  it('says nothing when the values agree, I wrote nothing, or the write removed an entry', () => {
    expect(conflictOfRemote(mine, theirs({ value: 111, shown: 111 }), 2_000)).toBeUndefined()
    expect(conflictOfRemote(undefined, theirs({}), 2_000)).toBeUndefined()
    expect(conflictOfRemote(mine, theirs({ id: undefined }), 2_000)).toBeUndefined()
  })
})

describe('conflictOfLocal', () => {
  it('tells me when I replaced the value someone had just written', () => {
    const recent = { value: 222, at: 1_000, client: 2 }
    const written = { ...cell, value: 111, previous: 222, shown: 111 }
    expect(conflictOfLocal(recent, written, 4_000)).toEqual({
      kind: 'overwrote',
      mine: 111,
      theirs: 222,
    })
    expect(conflictOfLocal(recent, written, 100_000)).toBeUndefined()
    expect(conflictOfLocal(recent, { ...written, previous: 5 }, 4_000)).toBeUndefined()
  })
})
