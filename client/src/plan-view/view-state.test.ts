import { describe, expect, it } from 'vitest'
import {
  defaultViewState,
  loadViewState,
  MAX_COLUMN_WIDTH,
  parseViewState,
  rowOptionsOf,
  saveViewState,
  viewStateKey,
  withRowOptions,
} from './view-state.js'
import type { ViewState } from './view-state.js'

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

const STATE: ViewState = {
  measures: ['demand', 'projected'],
  gapsOnly: true,
  gapKind: 'shortage',
  groupBy: 'site',
  site: 'HAM',
  family: 'Juice',
  owner: 'u-1',
  sort: { by: 'period', period: 12, measure: 'demand', direction: 'descending' },
  columnWidths: { name: 300, p3: 80 },
  frozenColumns: 3,
  grain: 'quarter',
}

describe('view state', () => {
  it('survives JSON: what a presenter sends is what a follower reads', () => {
    expect(parseViewState(JSON.parse(JSON.stringify(STATE)))).toEqual(STATE)
  })

  it('drops what it does not know and clamps what is out of range', () => {
    const parsed = parseViewState({
      measures: ['demand', 'nonsense', 'demand'],
      gapKind: 'everything',
      groupBy: 'colour',
      site: 42,
      family: '',
      sort: { by: 'period', period: -1, measure: 'demand', direction: 'ascending' },
      columnWidths: { name: 5, sku: 10_000, 'bad key!': 100, p1: 'wide' },
      frozenColumns: 40,
      grain: 'decade',
    })
    expect(parsed).toEqual({
      ...defaultViewState(),
      measures: ['demand'],
      columnWidths: { name: 48, sku: MAX_COLUMN_WIDTH },
    })
    expect(parseViewState(null)).toEqual(defaultViewState())
    expect(parseViewState('text', 'month').grain).toBe('month')
  })

  it('is kept per user and plan', () => {
    const storage = memoryStorage()
    saveViewState(storage, 'ann', 'plan-1', STATE)
    expect(loadViewState(storage, 'ann', 'plan-1', 'week')).toEqual(STATE)
    expect(loadViewState(storage, 'bob', 'plan-1', 'week').sort).toBeUndefined()
    expect(loadViewState(storage, 'ann', 'plan-2', 'week').grain).toBe('week')
    expect(viewStateKey('ann', 'plan-1')).not.toBe(viewStateKey('ann', 'plan-2'))
  })

  it('opens a new plan with the rows last chosen, and survives storage that is garbage', () => {
    const storage = memoryStorage()
    saveViewState(storage, 'ann', 'plan-1', STATE)
    const fresh = loadViewState(storage, 'ann', 'plan-9', 'month')
    expect(fresh).toEqual({ ...defaultViewState('month'), ...rowOptionsOf(STATE) })
    storage.setItem(viewStateKey('ann', 'plan-1'), '{not json')
    expect(loadViewState(storage, 'ann', 'plan-1', 'week')).toEqual(defaultViewState())
  })
})

describe('withRowOptions', () => {
  it('replaces the rows and filter, dropping a gap kind no longer chosen, and keeps the rest', () => {
    const next = withRowOptions(STATE, { measures: ['supply'], gapsOnly: false, groupBy: 'family' })
    expect(next).toEqual({
      ...STATE,
      measures: ['supply'],
      gapsOnly: false,
      gapKind: undefined,
      groupBy: 'family',
      site: undefined,
      family: undefined,
      owner: undefined,
    })
    expect('gapKind' in next).toBe(false)
  })
})
