import type { CellRef, CommentAnchor, PlanDoc, PlanModel } from '@tandem/shared'
import { readFlags, readThreads } from '@tandem/shared'
import { periodKeys } from './plan-grid-sheets.js'
import { plainText } from './plain-text.js'
import type { SheetOut } from './sheet-out.js'
import type { SheetCell } from './sheet-table.js'

/** User names by id, for the author and owner columns; unknown ids are written as they are. */
export type UserNames = ReadonlyMap<string, string>

/** Every gap of the plan: kind, severity, SKU or resource, periods and the worst value. */
export function gapsSheet(plan: PlanDoc, model: PlanModel): SheetOut {
  const keys = periodKeys(plan)
  const rows: SheetCell[][] = [
    ['Kind', 'Severity', 'SKU / resource', 'First period', 'Last period', 'Worst'],
  ]
  for (const gap of model.allGaps()) {
    rows.push([
      gap.kind,
      gap.severity,
      gap.key,
      keys[gap.firstPeriod] ?? '',
      keys[gap.lastPeriod] ?? '',
      gap.worst,
    ])
  }
  return { name: 'Gaps', rows, widths: [18, 10, 16, 12, 12, 10] }
}

/** Every comment, one row per message, oldest first, as plain text. */
export function commentsSheet(plan: PlanDoc, users: UserNames): SheetOut {
  const keys = periodKeys(plan)
  const rows: SheetCell[][] = [
    ['Thread', 'Measure', 'SKU / resource', 'Period', 'Author', 'Created', 'Text', 'Resolved'],
  ]
  for (const thread of readThreads(plan)) {
    const anchor: Partial<CommentAnchor> = thread.anchor ?? {}
    for (const message of thread.messages) {
      if (message.deleted) continue
      rows.push([
        thread.id,
        anchor.measure ?? '',
        anchor.key ?? '',
        anchor.period === undefined ? '' : (keys[anchor.period] ?? String(anchor.period)),
        users.get(message.author) ?? message.author,
        message.createdAt,
        plainText(message.body),
        thread.resolved ? 'yes' : 'no',
      ])
    }
  }
  return { name: 'Comments', rows, widths: [14, 10, 16, 10, 20, 22, 60, 9] }
}

/** Every gap flag: what, who owns it, by when, its status and the cells it concerns. */
export function flagsSheet(plan: PlanDoc, users: UserNames): SheetOut {
  const keys = periodKeys(plan)
  const cell = (ref: CellRef) => `${ref.measure} ${ref.key} ${keys[ref.period] ?? ref.period}`
  const rows: SheetCell[][] = [
    [
      'Flag',
      'Kind',
      'Severity',
      'Owner',
      'Due date',
      'Status',
      'Cells',
      'Note',
      'Thread',
      'Created by',
      'Created',
    ],
  ]
  for (const flag of readFlags(plan)) {
    rows.push([
      flag.id,
      flag.kind,
      flag.severity,
      users.get(flag.owner) ?? flag.owner,
      flag.dueDate,
      flag.status,
      (Array.isArray(flag.cells) ? flag.cells : []).map(cell).join('; '),
      flag.note,
      flag.threadId,
      users.get(flag.createdBy) ?? flag.createdBy,
      flag.createdAt,
    ])
  }
  return { name: 'Flags', rows, widths: [14, 12, 9, 20, 11, 11, 40, 40, 14, 20, 22] }
}
