import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccuracyReport, GroupStages, OverrideGroup, StageFigures } from '@tandem/shared'
import { ACCURACY_SKU_PAGE, MAX_ACCURACY_LAG } from '@tandem/shared'
import { LanguageSwitch } from '../i18n/language-switch.js'
import { boardLinkUrl } from '../navigation/board-link.js'
import { accuracyXlsxUrl, getAccuracy } from './accuracy-api.js'
import type { TrendMeasure } from './trend-measures.js'
import { TREND_MEASURES } from './trend-measures.js'
import { accuracyViewSearch, readAccuracyView } from './accuracy-url.js'
import './accuracy.css'

/** The chart library loads with the first chart, not with the board. */
const AccuracyTrendChart = lazy(() => import('./accuracy-trend-chart.js'))

/**
 * The Accuracy page (`/plans/:id/accuracy?lag=&family=&site=&sku=`): forecast accuracy, bias
 * and forecast value added of the plan, a family, a site or a SKU at a chosen lag, from
 * `GET /api/plans/:id/accuracy`, with the per-SKU rows a page at a time.
 */
export function AccuracyPage({ planId }: { planId: string }) {
  const { t, i18n } = useTranslation()
  const [initial] = useState(() => readAccuracyView(location.search))
  const [lag, setLag] = useState(initial.lag)
  const [family, setFamily] = useState(initial.family)
  const [site, setSite] = useState(initial.site)
  const [sku, setSku] = useState(initial.sku)
  // The URL names what is shown, so a link opens the same lag and scope.
  useEffect(() => {
    const search = accuracyViewSearch({ lag, family, site, sku })
    if (location.search !== search) history.replaceState(history.state, '', search)
  }, [lag, family, site, sku])
  const [report, setReport] = useState<AccuracyReport>()
  const [families, setFamilies] = useState<string[]>([])
  const [sites, setSites] = useState<string[]>([])
  const [failed, setFailed] = useState<string>()
  const [trendMeasure, setTrendMeasure] = useState<TrendMeasure>('wmape')
  const query = {
    lag,
    family: family || undefined,
    site: site || undefined,
    sku: sku || undefined,
  }
  // A new scope starts at the first page of SKUs; turning a page keeps the report shown.
  const scope = JSON.stringify([lag, family, site, sku])
  const [paging, setPaging] = useState({ scope, offset: 0 })
  const skuOffset = paging.scope === scope ? paging.offset : 0
  const shown = useRef('')
  useEffect(() => {
    const abort = new AbortController()
    if (shown.current !== scope) setReport(undefined)
    setFailed(undefined)
    const asked = {
      lag,
      family: family || undefined,
      site: site || undefined,
      sku: sku || undefined,
      skuOffset,
      skuLimit: ACCURACY_SKU_PAGE,
    }
    getAccuracy(planId, asked, abort.signal)
      .then((answer) => {
        shown.current = scope
        setReport(answer)
        if (!family && !site && !sku) {
          setFamilies(answer.families.map((f) => f.key))
          setSites(answer.attainment.sites.map((s) => s.key))
        }
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setFailed(error instanceof Error ? error.message : String(error))
      })
    return () => abort.abort()
  }, [planId, lag, family, site, sku, skuOffset, scope])

  const locale = i18n.language
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
  const noData = t('accuracy.noData')
  const pct = (value: number | null | undefined) => (value == null ? noData : percent.format(value))
  const points = (value: number | null | undefined) =>
    value == null ? noData : t('accuracy.points', { value: decimal.format(value) })
  const bias = (value: number | null | undefined) =>
    value == null
      ? noData
      : `${percent.format(Math.abs(value))} ${value > 0 ? t('accuracy.over') : value < 0 ? t('accuracy.under') : ''}`.trim()
  const stageCells = (s: StageFigures) => (
    <>
      <td data-testid={`wmape-${s.stage}`}>{pct(s.measures?.wmape)}</td>
      <td>{bias(s.measures?.bias)}</td>
      <td className={s.measures?.biased ? 'accuracy-flag' : undefined}>
        {s.measures?.trackingSignal == null ? noData : decimal.format(s.measures.trackingSignal)}
        {s.measures?.biased ? ` ⚑ ${t('accuracy.biased')}` : ''}
      </td>
      <td>{s.measures?.mase == null ? noData : decimal.format(s.measures.mase)}</td>
      <td data-testid={`added-${s.stage}`}>{points(s.valueAdded)}</td>
    </>
  )
  const stageHead = (
    <>
      <th>{t('accuracy.wmape')}</th>
      <th>{t('accuracy.bias')}</th>
      <th>{t('accuracy.trackingSignal')}</th>
      <th>{t('accuracy.mase')}</th>
      <th>{t('accuracy.valueAdded')}</th>
    </>
  )
  const groupTable = (rows: GroupStages[], testId: string, pick?: (key: string) => void) => (
    <table className="accuracy-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('accuracy.name')}</th>
          {(['statistical', 'salesSubmission', 'consensus'] as const).map((stage) => (
            <th key={stage}>
              {t(`accuracy.stages.${stage}`)} · {t('accuracy.valueAdded')}
            </th>
          ))}
          <th>
            {t('accuracy.stages.consensus')} · {t('accuracy.wmape')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>
              {pick ? (
                <button
                  type="button"
                  className="link-button"
                  title={t('accuracy.scopeToSku', { sku: row.key })}
                  onClick={() => pick(row.key)}
                >
                  {row.key}
                </button>
              ) : (
                row.key
              )}
              {row.key === row.name ? '' : ` · ${row.name}`}
            </td>
            {row.stages.slice(1).map((s) => (
              <td key={s.stage}>{points(s.valueAdded)}</td>
            ))}
            <td>{pct(row.stages[3]?.measures?.wmape)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
  const overrideTable = (rows: OverrideGroup[], by: 'person' | 'reason') => (
    <table className="accuracy-table" data-testid={`accuracy-by-${by}`}>
      <thead>
        <tr>
          <th>{t(`accuracy.${by}`)}</th>
          <th>{t('accuracy.overrides')}</th>
          <th>{t('accuracy.improvedShare')}</th>
          <th>{t('accuracy.valueAddedUnits')}</th>
          <th>{t('accuracy.valueAdded')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>
              {by === 'reason'
                ? row.key
                  ? t(`forecast.reasons.${row.key}`)
                  : t('accuracy.noReason')
                : row.name || t('accuracy.unknownPerson')}
            </td>
            <td>{number.format(row.overrides)}</td>
            <td>{percent.format(row.improvedShare)}</td>
            <td>{number.format(row.valueAddedUnits)}</td>
            <td>{points(row.valueAddedPoints)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
  const boardUrl = `${location.origin}/plans/${encodeURIComponent(planId)}`
  const skuLink = (sku: string) =>
    boardLinkUrl(boardUrl, { kind: 'cell', row: `sku:${sku}:demand`, period: 0 })

  return (
    <main className="accuracy-page" data-testid="accuracy-page">
      <header className="accuracy-header">
        <a className="button" href={`/plans/${encodeURIComponent(planId)}`}>
          {t('accuracy.backToBoard')}
        </a>
        <h1>{t('accuracy.title')}</h1>
        <label>
          {t('accuracy.lag')}
          <select
            data-testid="accuracy-lag"
            value={lag}
            onChange={(event) => setLag(Number(event.target.value))}
          >
            {Array.from({ length: MAX_ACCURACY_LAG }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {t('accuracy.lagOption', { count: n })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('accuracy.family')}
          <select
            data-testid="accuracy-family"
            value={family}
            onChange={(event) => setFamily(event.target.value)}
          >
            <option value="">{t('accuracy.allFamilies')}</option>
            {withChosen(families, family).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('accuracy.site')}
          <select value={site} onChange={(event) => setSite(event.target.value)}>
            <option value="">{t('accuracy.allSites')}</option>
            {withChosen(sites, site).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {sku && (
          <span className="accuracy-scope" data-testid="accuracy-sku-scope">
            {t('accuracy.skuScope', { sku })}
            <button type="button" onClick={() => setSku('')}>
              {t('accuracy.allSkus')}
            </button>
          </span>
        )}
        <a
          className="button"
          data-testid="accuracy-export"
          href={accuracyXlsxUrl(planId, query, locale)}
          download
        >
          {t('accuracy.export')}
        </a>
        <LanguageSwitch />
      </header>
      {failed && <p className="page-message">{failed}</p>}
      {!report && !failed && <p className="page-message muted">{t('board.loading')}</p>}
      {report && (
        <div className="accuracy-body" data-testid="accuracy-report" data-lag={report.lag}>
          <p className="muted">
            {report.window
              ? t('accuracy.window', {
                  first: report.window.firstKey,
                  last: report.window.lastKey,
                  skus: number.format(report.skuCount),
                  count: report.skuCount,
                })
              : t('accuracy.noWindow')}
          </p>
          <section>
            <h2>{t('accuracy.measures')}</h2>
            <table className="accuracy-table" data-testid="accuracy-stages">
              <thead>
                <tr>
                  <th>{t('accuracy.stage')}</th>
                  {stageHead}
                </tr>
              </thead>
              <tbody>
                {report.stages.map((s) => (
                  <tr key={s.stage}>
                    <td>{t(`accuracy.stages.${s.stage}`)}</td>
                    {stageCells(s)}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section>
            <h2>{t('accuracy.waterfall')}</h2>
            <div className="accuracy-waterfall" data-testid="accuracy-waterfall">
              {report.stages.map((s) => {
                const wmape = s.measures?.wmape
                return (
                  <div key={s.stage} className="accuracy-step">
                    <div
                      className={
                        s.valueAdded != null && s.valueAdded < 0
                          ? 'accuracy-bar worse'
                          : 'accuracy-bar'
                      }
                      style={{ height: `${Math.min(100, (wmape ?? 0) * 200)}%` }}
                    />
                    <span>{t(`accuracy.stages.${s.stage}`)}</span>
                    <span>{pct(wmape)}</span>
                    <span>{s.valueAdded == null ? '' : points(s.valueAdded)}</span>
                  </div>
                )
              })}
            </div>
          </section>
          <section>
            <h2>{t('accuracy.trend')}</h2>
            <label className="accuracy-scope">
              {t('accuracy.trendMeasure')}
              <select
                data-testid="accuracy-trend-measure"
                value={trendMeasure}
                onChange={(event) => setTrendMeasure(event.target.value as TrendMeasure)}
              >
                {TREND_MEASURES.map((m) => (
                  <option key={m} value={m}>
                    {t(`accuracy.${m}`)}
                  </option>
                ))}
              </select>
            </label>
            <Suspense fallback={null}>
              <AccuracyTrendChart trend={report.trend} measure={trendMeasure} />
            </Suspense>
          </section>
          <section>
            <h2>{t('accuracy.byFamily')}</h2>
            {groupTable(report.families, 'accuracy-families')}
          </section>
          <section>
            <h2>{t('accuracy.bySku')}</h2>
            {groupTable(report.skus, 'accuracy-skus', sku ? undefined : setSku)}
            {report.skuRows > report.skus.length && (
              <p className="accuracy-pager" data-testid="accuracy-sku-pager">
                <button
                  type="button"
                  disabled={report.skuOffset === 0}
                  onClick={() =>
                    setPaging({
                      scope,
                      offset: Math.max(0, report.skuOffset - ACCURACY_SKU_PAGE),
                    })
                  }
                >
                  {t('accuracy.previousPage')}
                </button>
                <span>
                  {t('accuracy.skuPage', {
                    first: number.format(report.skuOffset + 1),
                    last: number.format(report.skuOffset + report.skus.length),
                    total: number.format(report.skuRows),
                  })}
                </span>
                <button
                  type="button"
                  disabled={report.skuOffset + report.skus.length >= report.skuRows}
                  onClick={() => setPaging({ scope, offset: report.skuOffset + ACCURACY_SKU_PAGE })}
                >
                  {t('accuracy.nextPage')}
                </button>
              </p>
            )}
          </section>
          <section>
            <h2>{t('accuracy.byPerson')}</h2>
            {overrideTable(report.byPerson, 'person')}
            <h2>{t('accuracy.byReason')}</h2>
            {overrideTable(report.byReason, 'reason')}
          </section>
          <section>
            <h2>{t('accuracy.harmful')}</h2>
            <table className="accuracy-table" data-testid="accuracy-harmful">
              <thead>
                <tr>
                  <th>{t('accuracy.sku')}</th>
                  <th>{t('accuracy.overrides')}</th>
                  <th>{t('accuracy.valueAddedUnits')}</th>
                </tr>
              </thead>
              <tbody>
                {report.harmful.map((row) => (
                  <tr key={row.sku}>
                    <td>
                      <a href={skuLink(row.sku)}>{row.sku}</a> · {row.name}
                    </td>
                    <td>{number.format(row.overrides)}</td>
                    <td>{number.format(row.valueAddedUnits)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section>
            <h2>{t('accuracy.offenders')}</h2>
            <table className="accuracy-table" data-testid="accuracy-offenders">
              <thead>
                <tr>
                  <th>{t('accuracy.sku')}</th>
                  <th>{t('accuracy.family')}</th>
                  <th>{t('accuracy.actual')}</th>
                  <th>{t('accuracy.absoluteError')}</th>
                  <th>{t('accuracy.wmape')}</th>
                  <th>{t('accuracy.bias')}</th>
                </tr>
              </thead>
              <tbody>
                {report.offenders.map((row) => (
                  <tr key={row.sku}>
                    <td>
                      <a href={skuLink(row.sku)} data-testid="offender-link">
                        {row.sku}
                      </a>{' '}
                      · {row.name}
                    </td>
                    <td>{row.family}</td>
                    <td>{number.format(row.actualTotal)}</td>
                    <td>{number.format(row.absoluteError)}</td>
                    <td>{pct(row.wmape)}</td>
                    <td>{bias(row.bias)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section>
            <h2>{t('accuracy.attainment')}</h2>
            <table className="accuracy-table" data-testid="accuracy-attainment">
              <thead>
                <tr>
                  <th>{t('accuracy.where')}</th>
                  <th>{t('accuracy.planned')}</th>
                  <th>{t('accuracy.met')}</th>
                  <th>{t('accuracy.attained')}</th>
                </tr>
              </thead>
              <tbody>
                {[
                  report.attainment.total,
                  ...report.attainment.sites,
                  ...report.attainment.resources,
                ].map((row, i) => (
                  <tr key={`${i}-${row.key}`}>
                    <td>{row.key || t('accuracy.total')}</td>
                    <td>{number.format(row.planned)}</td>
                    <td>{number.format(row.met)}</td>
                    <td>{pct(row.attainment)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </main>
  )
}

/** The options of a scope, with the one chosen (a URL may name it before the plan's list is read). */
function withChosen(options: string[], chosen: string): string[] {
  return !chosen || options.includes(chosen) ? options : [...options, chosen]
}
