import { lazy, Suspense, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { FamilyChange, MoneyGroup, PlanDoc, PlanMeta, PlanModel } from '@tandem/shared'
import { useFormatters } from '../i18n/use-formatters.js'
import type { MoneyFormat } from './money-format.js'
import { moneyFormat } from './money-format.js'
import { useExecutiveSummary } from './use-executive-summary.js'

const ExecutiveChart = lazy(() => import('./executive-chart.js'))

interface ExecutiveViewProps {
  planId: string
  plan: PlanDoc
  model: PlanModel
  meta: PlanMeta
  onClose: () => void
}

/**
 * The plan in money for the executive meeting, made for a projector: four large figures, the
 * revenue and inventory chart, the families (and sites), the worst shortages and what changed
 * since the last consensus version. Live: it follows every edit.
 */
export function ExecutiveView({ planId, plan, model, meta, onClose }: ExecutiveViewProps) {
  const { t, i18n } = useTranslation()
  const format = useFormatters(meta.decimals)
  const money = useMemo(() => moneyFormat(i18n.language), [i18n.language])
  const { summary, consensus } = useExecutiveSummary(planId, plan, model)
  const packLanguage = i18n.language === 'zh-CN' ? 'zh-CN' : 'en'
  const { totals } = summary
  const period = (p: number) => format.period(meta.periodKind, meta.firstPeriod, p)
  return (
    <div
      className="executive"
      role="dialog"
      aria-label={t('executive.title')}
      data-testid="executive-view"
    >
      <header className="executive-header">
        <h2>
          {t('executive.title')} · <span className="muted">{meta.name}</span>
        </h2>
        <a
          className="button"
          href={`/api/plans/${encodeURIComponent(planId)}/meeting-pack.pdf?lang=${packLanguage}`}
          data-testid="meeting-pack-pdf"
        >
          {t('executive.packPdf')}
        </a>
        <a
          className="button"
          href={`/api/plans/${encodeURIComponent(planId)}/meeting-pack.xlsx?lang=${packLanguage}`}
          data-testid="meeting-pack-xlsx"
        >
          {t('executive.packXlsx')}
        </a>
        <button type="button" className="button" onClick={onClose} data-testid="executive-close">
          {t('executive.close')}
        </button>
      </header>
      <section className="executive-tiles">
        <Tile
          label={t('executive.revenuePlanned')}
          value={money.compact(totals.revenuePlanned)}
          raw={totals.revenuePlanned}
          id="revenue"
        />
        <Tile
          label={t('executive.inventoryValue')}
          value={money.compact(totals.inventoryValue)}
          raw={totals.inventoryValue}
          id="inventory"
        />
        <Tile
          label={t('executive.daysOfSupply')}
          value={money.days(totals.daysOfSupply)}
          raw={totals.daysOfSupply}
          id="days"
        />
        <Tile
          label={t('executive.revenueAtRisk')}
          value={money.compact(totals.revenueAtRisk)}
          raw={totals.revenueAtRisk}
          id="risk"
          alarm={totals.revenueAtRisk > 0}
        />
      </section>
      {summary.unpriced > 0 && (
        <p className="executive-note" data-testid="executive-unpriced">
          {t('executive.unpriced', { count: summary.unpriced })}
        </p>
      )}
      <Suspense fallback={null}>
        <ExecutiveChart summary={summary} meta={meta} format={format} money={money} />
      </Suspense>
      <div className="executive-columns">
        <section>
          <h3>{t('executive.byFamily')}</h3>
          <GroupTable groups={summary.byFamily} money={money} testId="executive-families" />
          {summary.bySite && (
            <>
              <h3>{t('executive.bySite')}</h3>
              <GroupTable groups={summary.bySite} money={money} testId="executive-sites" />
            </>
          )}
        </section>
        <section>
          <h3>{t('executive.topGaps', { count: summary.gapCount })}</h3>
          {summary.topGaps.length === 0 ? (
            <p className="muted">{t('executive.noGaps')}</p>
          ) : (
            <table className="executive-table" data-testid="executive-gaps">
              <thead>
                <tr>
                  <th>{t('executive.sku')}</th>
                  <th>{t('executive.periods')}</th>
                  <th className="number">{t('executive.unitsShort')}</th>
                  <th className="number">{t('executive.revenueAtRisk')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.topGaps.map((gap) => (
                  <tr key={`${gap.sku}:${gap.firstPeriod}`} data-sku={gap.sku}>
                    <td>
                      <strong>{gap.sku}</strong> <span className="muted">{gap.name}</span>
                    </td>
                    <td>
                      {gap.firstPeriod === gap.lastPeriod
                        ? period(gap.firstPeriod)
                        : `${period(gap.firstPeriod)} – ${period(gap.lastPeriod)}`}
                    </td>
                    <td className="number">{format.number(gap.unitsShort)}</td>
                    <td className="number">{money.whole(gap.revenueAtRisk)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('executive.sinceConsensus')}</h3>
          {consensus.kind === 'loading' && <p className="muted">{t('executive.loading')}</p>}
          {consensus.kind === 'none' && (
            <p className="muted" data-testid="executive-no-consensus">
              {t('executive.noConsensus')}
            </p>
          )}
          {consensus.kind === 'failed' && <p className="error">{consensus.message}</p>}
          {consensus.kind === 'ready' && (
            <div data-testid="executive-changes" data-cells={consensus.changes.totals.cells}>
              <p className="muted">
                {t('executive.consensusVersion', {
                  name: consensus.version.name,
                  date: format.dateTime(consensus.version.createdAt),
                  count: consensus.changes.totals.cells,
                })}
              </p>
              <ChangeTable
                changes={[consensus.changes.totals, ...consensus.changes.families]}
                money={money}
              />
            </div>
          )}
        </section>
      </div>
    </div>
  )
}

function Tile(props: {
  label: string
  value: string
  raw: number | null
  id: string
  alarm?: boolean
}) {
  return (
    <div
      className={props.alarm ? 'executive-tile alarm' : 'executive-tile'}
      data-testid={`executive-${props.id}`}
      data-value={props.raw ?? ''}
    >
      <span className="executive-tile-label">{props.label}</span>
      <span className="executive-tile-value">{props.value}</span>
    </div>
  )
}

function GroupTable(props: { groups: MoneyGroup[]; money: MoneyFormat; testId: string }) {
  const { t } = useTranslation()
  const { money } = props
  return (
    <table className="executive-table" data-testid={props.testId}>
      <thead>
        <tr>
          <th />
          <th className="number">{t('executive.revenuePlanned')}</th>
          <th className="number">{t('executive.inventoryValue')}</th>
          <th className="number">{t('executive.daysShort')}</th>
          <th className="number">{t('executive.revenueAtRisk')}</th>
        </tr>
      </thead>
      <tbody>
        {props.groups.map((group) => (
          <tr key={group.key} data-key={group.key}>
            <td>{group.key || t('executive.unnamed')}</td>
            <td className="number">{money.whole(group.revenuePlanned)}</td>
            <td className="number">{money.whole(group.inventoryValue)}</td>
            <td className="number">{money.days(group.daysOfSupply)}</td>
            <td className={group.revenueAtRisk > 0 ? 'number alarm' : 'number'}>
              {money.whole(group.revenueAtRisk)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function ChangeTable(props: { changes: FamilyChange[]; money: MoneyFormat }) {
  const { t } = useTranslation()
  const { money } = props
  const delta = (v: { from: number; to: number }) => money.signed(v.to - v.from)
  return (
    <table className="executive-table">
      <thead>
        <tr>
          <th />
          <th className="number">{t('executive.revenuePlanned')}</th>
          <th className="number">{t('executive.revenueAtRisk')}</th>
          <th className="number">{t('executive.inventoryValue')}</th>
          <th className="number">{t('executive.demandUnits')}</th>
        </tr>
      </thead>
      <tbody>
        {props.changes.map((change, i) => (
          <tr key={i === 0 ? 'total' : `family:${change.family}`} data-family={change.family}>
            <td>
              {i === 0 ? (
                <strong>{t('executive.total')}</strong>
              ) : (
                change.family || t('executive.unnamed')
              )}
            </td>
            <td className="number">{delta(change.revenue)}</td>
            <td className="number">{delta(change.revenueAtRisk)}</td>
            <td className="number">{delta(change.inventoryValue)}</td>
            <td className="number">{delta(change.demand)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
