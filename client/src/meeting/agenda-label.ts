import type { TFunction } from 'i18next'
import type { AgendaItem, PlanMeta } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'

/** An agenda item in the reader's language: "Shortage · SKU-00001 · W49 · Nov 30". */
export function agendaLabel(item: AgendaItem, meta: PlanMeta, format: Formatters, t: TFunction) {
  const kind =
    item.gapKind === 'dataQuestion' ? t('meeting.dataQuestion') : t(`gap.${item.gapKind}`)
  const period = (index: number) => format.period(meta.periodKind, meta.firstPeriod, index)
  const span =
    item.firstPeriod === item.lastPeriod
      ? period(item.firstPeriod)
      : `${period(item.firstPeriod)} – ${period(item.lastPeriod)}`
  return `${kind} · ${item.key} · ${span}`
}

/** What an item puts at risk: money where the SKU has a price, else units. */
export function riskLabel(item: AgendaItem, format: Formatters, t: TFunction): string {
  const value = format.number(item.risk)
  return item.riskUnit === 'money'
    ? t('meeting.riskMoney', { value })
    : t('meeting.riskUnits', { value })
}

/** Seconds as m:ss. */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds))
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
}
