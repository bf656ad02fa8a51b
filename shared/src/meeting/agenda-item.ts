import type { GapKind } from '../gap.js'
import { GAP_KINDS } from '../gap.js'
import type { FlagSeverity } from '../flags/gap-flag.js'
import { FLAG_SEVERITIES } from '../flags/gap-flag.js'

/**
 * One item of a meeting's agenda: an open flag or a gap no open flag tracks, with what it puts
 * at risk. Stored as data, never as words, so each board shows it in its own language.
 */
export interface AgendaItem {
  id: string
  /** `flag`: an open flag (`flagId`); `gap`: a gap of `gapKind` on `key` (a SKU or resource). */
  source: 'flag' | 'gap'
  flagId?: string
  gapKind: GapKind | 'dataQuestion'
  key: string
  firstPeriod: number
  lastPeriod: number
  severity: FlagSeverity
  /** Value at risk: revenue where the SKU has a price (`money`), else units. */
  risk: number
  riskUnit: 'money' | 'units'
  /** Seconds spent on the item so far, the current visit not counted. */
  spentSeconds: number
}

export const MAX_AGENDA_ITEMS = 50

export function isAgendaItem(value: unknown): value is AgendaItem {
  const i = value as Partial<AgendaItem> | null
  return (
    typeof i === 'object' &&
    i !== null &&
    typeof i.id === 'string' &&
    i.id.length <= 100 &&
    (i.source === 'flag' || i.source === 'gap') &&
    (i.flagId === undefined || typeof i.flagId === 'string') &&
    (i.gapKind === 'dataQuestion' || (GAP_KINDS as readonly unknown[]).includes(i.gapKind)) &&
    typeof i.key === 'string' &&
    i.key.length <= 200 &&
    Number.isInteger(i.firstPeriod) &&
    Number.isInteger(i.lastPeriod) &&
    (FLAG_SEVERITIES as readonly unknown[]).includes(i.severity) &&
    isFiniteAtLeastZero(i.risk) &&
    (i.riskUnit === 'money' || i.riskUnit === 'units') &&
    isFiniteAtLeastZero(i.spentSeconds)
  )
}

function isFiniteAtLeastZero(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}
