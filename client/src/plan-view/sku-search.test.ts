import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc, demoPlan, PlanModel } from '@tandem/shared'
import { findSkus, searchEntries, stepMatch } from './sku-search.js'

function model(skuCount: number) {
  const doc = new Y.Doc()
  doc.clientID = 5
  const plan = createPlanDoc(demoPlan({ skuCount, periodCount: 4 }), doc)
  return { plan, model: new PlanModel(plan) }
}

describe('findSkus', () => {
  it('finds by id or by name, ignoring case and full-width forms, in display order', () => {
    const { plan, model: m } = model(60)
    const skus = [...plan.listFamilies()].flatMap(([, s]) => s)
    const entries = searchEntries(skus, m)
    const target = skus[37]
    const name = m.sku(target)!.item.name
    expect(findSkus(entries, target.toLowerCase())).toContain(target)
    expect(findSkus(entries, `  ${name.toUpperCase()}  `)).toContain(target)
    const fullWidth = target.replace(/[A-Za-z0-9]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) + 0xfee0),
    )
    expect(findSkus(entries, fullWidth)).toContain(target)
    const found = findSkus(entries, target.slice(0, 3))
    expect(found).toEqual(skus.filter((sku) => found.includes(sku)))
  })

  it('needs every word, in any order, and finds nothing for an empty query', () => {
    const { plan, model: m } = model(30)
    const skus = [...plan.listFamilies()].flatMap(([, s]) => s)
    const entries = searchEntries(skus, m)
    const target = skus[4]
    const words = m.sku(target)!.item.name.split(/\s+/)
    expect(words.length).toBeGreaterThan(1)
    expect(findSkus(entries, [...words].reverse().join(' '))).toContain(target)
    expect(findSkus(entries, `${words[0]} no-such-word`)).toEqual([])
    expect(findSkus(entries, '   ')).toEqual([])
  })

  it('matches a word in the id or the name, not across the two', () => {
    const { plan, model: m } = model(5)
    const skus = [...plan.listFamilies()].flatMap(([, s]) => s)
    const entries = searchEntries(skus, m)
    const target = skus[0]
    const across = `${target.slice(-1)}${m.sku(target)!.item.name.slice(0, 1)}`.toLowerCase()
    expect(findSkus(entries, across)).not.toContain(target)
  })
})

describe('stepMatch', () => {
  it('goes forward and back, wrapping at both ends', () => {
    expect(stepMatch(-1, 3, false)).toBe(0)
    expect(stepMatch(-1, 3, true)).toBe(2)
    expect(stepMatch(2, 3, false)).toBe(0)
    expect(stepMatch(0, 3, true)).toBe(2)
    expect(stepMatch(1, 3, false)).toBe(2)
    expect(stepMatch(0, 0, false)).toBe(-1)
  })
})
