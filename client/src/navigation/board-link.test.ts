import { describe, expect, it } from 'vitest'
import type { BoardLink } from './board-link.js'
import { boardLinkUrl, linkSearch, parseBoardLink, withoutLink } from './board-link.js'

const LINKS: BoardLink[] = [
  { kind: 'cell', row: 'sku:SKU 1/ä&x:demand', period: 7 },
  { kind: 'cell', row: 'resource:R-1:capacity', period: 0 },
  { kind: 'thread', id: 't-1' },
  { kind: 'flag', id: 'f 2' },
  { kind: 'version', id: 'v&3' },
  { kind: 'action', id: 'r-4' },
  { kind: 'cycle' },
]

describe('board links', () => {
  it('read back what they were written as, whatever the ids hold', () => {
    for (const link of LINKS) {
      const url = new URL(boardLinkUrl('https://tandem.example/plans/p%201', link))
      expect(url.pathname).toBe('/plans/p%201')
      expect(parseBoardLink(url.search)).toEqual(link)
    }
  })

  it('keep other parameters and drop a previous link', () => {
    const search = linkSearch({ kind: 'flag', id: 'f' }, '?debug=1&thread=old')
    expect(new URLSearchParams(search).get('debug')).toBe('1')
    expect(parseBoardLink(search)).toEqual({ kind: 'flag', id: 'f' })
    expect(withoutLink(search)).toBe('?debug=1')
    expect(withoutLink('?cell=x&period=1')).toBe('')
  })

  it('point nowhere without a place or with a bad period', () => {
    expect(parseBoardLink('')).toBeUndefined()
    expect(parseBoardLink('?debug=1')).toBeUndefined()
    expect(parseBoardLink('?cell=sku:A:demand&period=-1')).toBeUndefined()
    expect(parseBoardLink('?cell=sku:A:demand&period=x')).toBeUndefined()
    expect(parseBoardLink('?cell=sku:A:demand')).toEqual({
      kind: 'cell',
      row: 'sku:A:demand',
      period: 0,
    })
  })
})
