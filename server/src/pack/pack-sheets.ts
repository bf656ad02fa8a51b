import type { MeetingRecord, MoneyGroup } from '@tandem/shared'
import type { SheetOut } from '../excel/sheet-out.js'
import type { SheetCell } from '../excel/sheet-table.js'
import type { MeetingPack } from './meeting-pack.js'
import type { PackLanguage } from './pack-words.js'
import { PACK_WORDS } from './pack-words.js'

/** The meeting pack as workbook sheets: Summary, Agenda, Decisions, Actions (numbers as numbers). */
export function packSheets(
  pack: MeetingPack,
  language: PackLanguage,
  nameOf: (userId: string) => string,
): SheetOut[] {
  const w = PACK_WORDS[language]
  const { summary } = pack
  const groupRows = (title: string, groups: MoneyGroup[]): SheetCell[][] => [
    [],
    [title],
    [w.group, w.skus, w.revenuePlanned, w.inventoryValue, w.daysOfSupply, w.revenueAtRisk],
    ...groups.map((g) => [
      g.key,
      g.skus,
      g.revenuePlanned,
      g.inventoryValue,
      g.daysOfSupply,
      g.revenueAtRisk,
    ]),
  ]
  const span = (first: number, last: number) =>
    first === last ? pack.periods[first] : `${pack.periods[first]} – ${pack.periods[last]}`
  const summaryRows: SheetCell[][] = [
    [`${w.title} · ${pack.planName}`],
    [w.generated, pack.printedAt],
    [],
    [w.revenuePlanned, summary.totals.revenuePlanned],
    [w.inventoryValue, summary.totals.inventoryValue],
    [w.daysOfSupply, summary.totals.daysOfSupply],
    [w.revenueAtRisk, summary.totals.revenueAtRisk],
    [w.unpriced, summary.unpriced],
    ...groupRows(w.byFamily, summary.byFamily),
    ...(summary.bySite ? groupRows(w.bySite, summary.bySite) : []),
    [],
    [w.topGaps],
    [w.sku, w.name, w.periods, w.unitsShort, w.revenueAtRisk],
    ...summary.topGaps.map((g) => [
      g.sku,
      g.name,
      span(g.firstPeriod, g.lastPeriod),
      g.unitsShort,
      g.revenueAtRisk,
    ]),
    [],
    [w.revenueByPeriod],
    pack.periods,
    summary.revenueByPeriod,
  ]
  const agendaRows: SheetCell[][] = [
    ['#', w.item, w.sku, w.periods, w.severity, w.risk, ''],
    ...pack.agenda.map((item, i) => [
      i + 1,
      `${item.source === 'flag' ? w.flag : w.gap} · ${w.gapKinds[item.gapKind]}`,
      item.key,
      span(item.firstPeriod, item.lastPeriod),
      w.severities[item.severity],
      item.risk,
      item.riskUnit === 'units' ? w.units : '',
    ]),
  ]
  const recordRows = (records: MeetingRecord[]): SheetCell[][] => [
    [w.text, w.owner, w.due],
    ...records.map((r) => [r.text, r.owner ? nameOf(r.owner) : '', r.due]),
  ]
  return [
    { name: 'Summary', rows: summaryRows, widths: [28, 14, 16, 16, 14, 16] },
    { name: 'Agenda', rows: agendaRows, widths: [5, 28, 16, 24, 10, 14, 8] },
    {
      name: 'Decisions',
      rows: recordRows(pack.records.filter((r) => r.kind === 'decision')),
      widths: [60, 20, 12],
    },
    {
      name: 'Actions',
      rows: recordRows(pack.records.filter((r) => r.kind === 'action')),
      widths: [60, 20, 12],
    },
  ]
}
