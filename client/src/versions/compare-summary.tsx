import { useTranslation } from 'react-i18next'
import type { Formatters } from '../i18n/use-formatters.js'
import type { BoardVersions } from './use-board-versions.js'

/** What a comparison found: changed cells, the change in totals by family and measure. */
export function CompareSummary({ board, format }: { board: BoardVersions; format: Formatters }) {
  const { t } = useTranslation()
  const request = board.comparing
  if (!request) return null
  const to = request.to?.name ?? t('versions.live')
  const comparison = board.overlay?.comparison
  const signed = (value: number) => `${value > 0 ? '+' : ''}${format.number(value)}`
  return (
    <section className="compare-summary" data-testid="compare-summary">
      <h3>{t('versions.compare.title', { from: request.from.name, to })}</h3>
      {board.compareFailure && (
        <p className="error" role="alert">
          {t('versions.failed', { message: board.compareFailure })}
        </p>
      )}
      {!comparison && !board.compareFailure && <p className="muted">{t('versions.loading')}</p>}
      {comparison && (
        <>
          <p data-testid="compare-count" data-count={comparison.cells.length}>
            {t('versions.compare.cells', { count: comparison.cells.length })}
          </p>
          <label className="toggle">
            <input
              type="checkbox"
              data-testid="changed-only"
              checked={board.changedOnly}
              onChange={(event) => board.setChangedOnly(event.target.checked)}
            />
            {t('versions.compare.changedOnly')}
          </label>
          {comparison.totals.length > 0 && (
            <table className="compare-totals" data-testid="compare-totals">
              <thead>
                <tr>
                  <th>{t('versions.compare.family')}</th>
                  <th>{t('versions.compare.measure')}</th>
                  <th className="number">{t('versions.compare.from')}</th>
                  <th className="number">{t('versions.compare.to')}</th>
                  <th className="number">{t('versions.compare.delta')}</th>
                </tr>
              </thead>
              <tbody>
                {comparison.totals.map((total) => (
                  <tr
                    key={`${total.family}:${total.measure}`}
                    data-testid={`total-${total.family}-${total.measure}`}
                  >
                    <td>{total.family}</td>
                    <td>{t(`measure.${total.measure}`)}</td>
                    <td className="number">{format.number(total.from)}</td>
                    <td className="number">{format.number(total.to)}</td>
                    <td className="number">{signed(total.to - total.from)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <button type="button" className="button" onClick={() => board.compare(undefined)}>
        {t('versions.compare.stop')}
      </button>
    </section>
  )
}
