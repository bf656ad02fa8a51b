import { describe, expect, it } from 'vitest'
import { ImportProblem, IssueList } from './import-issue.js'
import { parsePlanSheet } from './parse-plan-sheet.js'
import { parseSettingsSheet } from './parse-settings-sheet.js'
import { planInputFromSheet } from './plan-input-from-sheet.js'
import type { SheetCell, SheetTable } from './sheet-table.js'

const table = (name: string, rows: SheetCell[][]): SheetTable => ({
  name,
  rows: rows.map((cells, i) => ({ row: i + 1, cells })),
})

function problemOf(plan: SheetCell[][], settings: SheetCell[][] = []): ImportProblem {
  const issues = new IssueList()
  try {
    const sheet = parsePlanSheet(table('Plan', plan), issues)
    const parsed = parseSettingsSheet(table('Settings', settings), issues)
    planInputFromSheet(sheet, parsed, issues)
  } catch (error) {
    if (error instanceof ImportProblem) return error
    throw error
  }
  throw new Error('the file was accepted')
}

const HEADER = ['SKU', 'Resource', 'Measure', '2026-W49', '2026-W50']

describe('planInputFromSheet issues', () => {
  it('names an item whose resource has no capacity row, at its Resource cell', () => {
    const problem = problemOf([HEADER, ['A', 'LINE-9', 'demand', 1, 2]])
    expect(problem.code).toBe('invalidPlan')
    expect(problem.issues).toEqual([
      {
        code: 'unknownResource',
        place: { sheet: 'Plan', row: 2, column: 2, field: 'resource' },
        params: { key: 'A', resource: 'LINE-9' },
      },
    ])
  })

  it('reports every bad cell and setting with its code, place and params', () => {
    const problem = problemOf(
      [HEADER, ['A', '', 'demand', -1, 'x'], ['A', '', 'demand', 1, 1]],
      [['decimals', 'seven']],
    )
    expect(problem.issues.map((issue) => [issue.code, issue.place, issue.params])).toEqual([
      [
        'notANumber',
        { sheet: 'Plan', row: 2, column: 5, field: '2026-W50' },
        { header: '2026-W50', value: 'x' },
      ],
      [
        'settingNotWholeNumber',
        { sheet: 'Settings', row: 1, column: 2, field: 'decimals' },
        { key: 'decimals', max: 6, value: 'seven' },
      ],
      ['negativeValue', { sheet: 'Plan', row: 2, column: 4, field: '2026-W49' }, { value: -1 }],
      [
        'duplicateRow',
        { sheet: 'Plan', row: 3, column: 1, field: 'sku' },
        { key: 'A', measure: 'demand', firstRow: 2 },
      ],
    ])
    const values = problemOf([HEADER, ['A', '', 'demand', -1, 1], ['A', '', 'demand', 1, 1]])
    expect(values.issues.map((issue) => issue.code)).toEqual(['negativeValue', 'duplicateRow'])
    expect(values.issues[1].params).toEqual({ key: 'A', measure: 'demand', firstRow: 2 })
    expect(values.message).toBe('sheet Plan, row 2, column D: -1 must not be negative (and 1 more)')
  })
})
