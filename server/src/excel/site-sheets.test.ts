import { describe, expect, it } from 'vitest'
import { IssueList } from './import-issue.js'
import { parseSitesSheet, parseTransfersSheet } from './site-sheets.js'

const KEYS = ['2026-W49', '2026-W50', '2026-W51']

describe('the Sites and Transfers sheets', () => {
  it('reads sites and transfers, a period label as its index', () => {
    const issues = new IssueList()
    const sites = parseSitesSheet(
      {
        name: 'Sites',
        rows: [
          { row: 1, cells: ['Site', 'Name', 'Country'] },
          { row: 2, cells: ['SH', 'Shanghai', 'China'] },
          { row: 3, cells: [null, null, null] },
          { row: 4, cells: ['HAM', 'Hamburg', 'Germany'] },
        ],
      },
      issues,
    )
    expect(sites.map((s) => s.id)).toEqual(['SH', 'HAM'])
    const transfers = parseTransfersSheet(
      {
        name: 'Transfers',
        rows: [
          { row: 1, cells: ['Transfer', 'From SKU', 'To SKU', 'Period', 'Lead time', 'Quantity'] },
          { row: 2, cells: ['T1', 'A', 'B', '2026-W50', 2, 30] },
        ],
      },
      KEYS,
      issues,
    )
    expect(transfers).toEqual({
      T1: { fromSku: 'A', toSku: 'B', period: 1, leadTime: 2, quantity: 30 },
    })
    expect(issues.isEmpty).toBe(true)
  })

  it('names the cell of each problem', () => {
    const issues = new IssueList()
    parseSitesSheet(
      {
        name: 'Sites',
        rows: [
          { row: 1, cells: [] },
          { row: 2, cells: ['SH', '', 'China'] },
        ],
      },
      issues,
    )
    parseTransfersSheet(
      {
        name: 'Transfers',
        rows: [
          { row: 1, cells: [] },
          { row: 2, cells: ['T1', 'A', 'B', '2027-W01', 2, 30] },
          { row: 3, cells: ['T2', 'A', 'B', '2026-W49', 1.5, 30] },
          { row: 4, cells: ['T3', 'A', 'B', '2026-W49', 1, 'many'] },
        ],
      },
      KEYS,
      issues,
    )
    expect(issues.listed.map((i) => [i.place, i.params.detail])).toEqual([
      [
        { sheet: 'Sites', row: 2, column: 2 },
        'a site needs an id, a name and a country (sheet Sites, row 2)',
      ],
      [
        { sheet: 'Transfers', row: 2, column: 4 },
        'transfer T1: "2027-W01" is not a period of the plan (sheet Transfers, row 2)',
      ],
      [
        { sheet: 'Transfers', row: 3, column: 5 },
        'transfer T2: the lead time must be a whole number of periods (sheet Transfers, row 3)',
      ],
      [
        { sheet: 'Transfers', row: 4, column: 6 },
        'transfer T3: the quantity must be a number (sheet Transfers, row 4)',
      ],
    ])
  })
})
