import type { AgendaItem, MeetingRecord, MoneyGroup } from '@tandem/shared'
import type { MeetingPack } from './meeting-pack.js'
import type { PackLanguage } from './pack-words.js'
import { PACK_WORDS } from './pack-words.js'

/** Escapes text for HTML: every value in the pack is data, never markup. */
function esc(text: string | number): string {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}

/**
 * The meeting pack as one self-contained HTML page (no script, no outside resource) for
 * Chromium to print: the executive summary with a chart, the agenda, the decisions and actions.
 */
export function packHtml(
  pack: MeetingPack,
  language: PackLanguage,
  nameOf: (userId: string) => string,
): string {
  const w = PACK_WORDS[language]
  const whole = new Intl.NumberFormat(language, { maximumFractionDigits: 0 })
  const days = new Intl.NumberFormat(language, { maximumFractionDigits: 1 })
  const money = (v: number) => esc(whole.format(v))
  const { summary } = pack
  const span = (first: number, last: number) =>
    first === last ? pack.periods[first] : `${pack.periods[first]} – ${pack.periods[last]}`
  const groupTable = (title: string, groups: MoneyGroup[]) => `
    <h3>${esc(title)}</h3>
    <table><thead><tr><th>${esc(w.group)}</th><th class="n">${esc(w.skus)}</th>
    <th class="n">${esc(w.revenuePlanned)}</th><th class="n">${esc(w.inventoryValue)}</th>
    <th class="n">${esc(w.daysOfSupply)}</th><th class="n">${esc(w.revenueAtRisk)}</th></tr></thead><tbody>
    ${groups
      .map(
        (g) => `<tr><td>${esc(g.key || '—')}</td><td class="n">${g.skus}</td>
        <td class="n">${money(g.revenuePlanned)}</td><td class="n">${money(g.inventoryValue)}</td>
        <td class="n">${g.daysOfSupply === null ? '—' : esc(days.format(g.daysOfSupply))}</td>
        <td class="n">${money(g.revenueAtRisk)}</td></tr>`,
      )
      .join('')}</tbody></table>`
  const agendaRow = (item: AgendaItem, i: number) => `<tr><td class="n">${i + 1}</td>
    <td>${esc(item.source === 'flag' ? w.flag : w.gap)} · ${esc(w.gapKinds[item.gapKind])}</td>
    <td>${esc(item.key)}</td><td>${esc(span(item.firstPeriod, item.lastPeriod))}</td>
    <td>${esc(w.severities[item.severity])}</td>
    <td class="n">${item.riskUnit === 'money' ? money(item.risk) : `${money(item.risk)} ${esc(w.units)}`}</td></tr>`
  const recordTable = (title: string, records: MeetingRecord[]) => `
    <h2>${esc(title)}</h2>
    ${
      records.length === 0
        ? `<p>${esc(w.none)}</p>`
        : `<table><thead><tr><th>${esc(w.text)}</th><th>${esc(w.owner)}</th><th>${esc(w.due)}</th></tr></thead><tbody>
      ${records
        .map(
          (r) =>
            `<tr><td>${esc(r.text)}</td><td>${esc(r.owner ? nameOf(r.owner) : '—')}</td><td>${esc(r.due || '—')}</td></tr>`,
        )
        .join('')}</tbody></table>`
    }`
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8">
<title>${esc(w.title)} · ${esc(pack.planName)}</title>
<style>
  body { font-family: 'Noto Sans CJK SC', 'Noto Sans', sans-serif; color: #1f2937; margin: 0; font-size: 13px; }
  h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 18px 0 8px; color: #1f4e79; }
  h3 { font-size: 15px; margin: 12px 0 6px; } .muted { color: #6b7280; }
  .tiles { display: flex; gap: 12px; margin: 12px 0; }
  .tile { flex: 1; background: #e0ecf8; border-radius: 8px; padding: 10px 14px; }
  .tile.alarm { background: #fee2e2; } .tile b { display: block; font-size: 26px; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 8px; }
  th, td { border-bottom: 1px solid #e5e7eb; padding: 4px 6px; text-align: left; }
  th { color: #6b7280; font-weight: 600; } .n { text-align: right; }
  .page { page-break-before: always; }
</style></head><body>
<h1>${esc(w.title)} · ${esc(pack.planName)}</h1>
<p class="muted">${esc(w.generated)}: ${esc(pack.printedAt.slice(0, 16).replace('T', ' '))} UTC</p>
<h2>${esc(w.summary)}</h2>
<div class="tiles">
  <div class="tile">${esc(w.revenuePlanned)}<b>${money(summary.totals.revenuePlanned)}</b></div>
  <div class="tile">${esc(w.inventoryValue)}<b>${money(summary.totals.inventoryValue)}</b></div>
  <div class="tile">${esc(w.daysOfSupply)}<b>${summary.totals.daysOfSupply === null ? '—' : esc(days.format(summary.totals.daysOfSupply))}</b></div>
  <div class="tile${summary.totals.revenueAtRisk > 0 ? ' alarm' : ''}">${esc(w.revenueAtRisk)}<b>${money(summary.totals.revenueAtRisk)}</b></div>
</div>
${summary.unpriced > 0 ? `<p class="muted">${esc(w.unpriced)}: ${summary.unpriced}</p>` : ''}
<h3>${esc(w.revenueByPeriod)}</h3>
${barChart(summary.revenueByPeriod, pack.periods)}
${groupTable(w.byFamily, summary.byFamily)}
${summary.bySite ? groupTable(w.bySite, summary.bySite) : ''}
<h3>${esc(w.topGaps)}</h3>
${
  summary.topGaps.length === 0
    ? `<p>${esc(w.none)}</p>`
    : `<table><thead><tr><th>${esc(w.sku)}</th><th>${esc(w.name)}</th><th>${esc(w.periods)}</th>
  <th class="n">${esc(w.unitsShort)}</th><th class="n">${esc(w.revenueAtRisk)}</th></tr></thead><tbody>
  ${summary.topGaps
    .map(
      (
        g,
      ) => `<tr><td>${esc(g.sku)}</td><td>${esc(g.name)}</td><td>${esc(span(g.firstPeriod, g.lastPeriod))}</td>
    <td class="n">${money(g.unitsShort)}</td><td class="n">${money(g.revenueAtRisk)}</td></tr>`,
    )
    .join('')}</tbody></table>`
}
<section class="page">
<h2>${esc(w.agenda)}</h2>
<p class="muted">${esc(w.agendaNote)}</p>
${
  pack.agenda.length === 0
    ? `<p>${esc(w.none)}</p>`
    : `<table><thead><tr><th class="n">#</th><th>${esc(w.item)}</th><th>${esc(w.sku)}</th><th>${esc(w.periods)}</th>
  <th>${esc(w.severity)}</th><th class="n">${esc(w.risk)}</th></tr></thead><tbody>
  ${pack.agenda.map(agendaRow).join('')}</tbody></table>`
}
${recordTable(
  w.decisions,
  pack.records.filter((r) => r.kind === 'decision'),
)}
${recordTable(
  w.actions,
  pack.records.filter((r) => r.kind === 'action'),
)}
</section>
</body></html>`
}

/** A bar chart as inline SVG: one bar per period, the largest filling the height. */
function barChart(values: readonly number[], labels: readonly string[]): string {
  const width = 1000
  const height = 180
  const top = Math.max(1, ...values)
  const step = values.length > 0 ? width / values.length : width
  const every = Math.max(1, Math.ceil(values.length / 13))
  const bars = values
    .map((v, i) => {
      const h = (Math.max(0, v) / top) * (height - 20)
      const x = i * step + step * 0.15
      const label =
        i % every === 0
          ? `<text x="${x}" y="${height + 14}" font-size="11" fill="#6b7280">${esc(labels[i] ?? '')}</text>`
          : ''
      return `<rect x="${x}" y="${height - h}" width="${step * 0.7}" height="${h}" fill="#1f4e79"/>${label}`
    })
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height + 20}" width="100%" height="200">${bars}</svg>`
}
