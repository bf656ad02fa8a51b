import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OverrideNote } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import type { ReasonFilterValue } from '../forecast/reason-filter.js'
import { ReasonFilter, ReasonText } from '../forecast/reason-filter.js'
import type { CellHistoryTarget } from './cell-history-target.js'
import type { CellHistoryResponse } from './history-api.js'
import { cellHistory } from './history-api.js'

interface CellHistoryDialogProps {
  planId: string
  target: CellHistoryTarget
  format: Formatters
  nameOf: (userId: string) => string
  onClose: () => void
  /** Why the demand cell overrides its baseline, when a reason was given. */
  reason?: OverrideNote
}

/**
 * Every write a cell received, newest first, as the server stored it under each author: the
 * value before and after, who, when and from where; a write that another one beat at the same
 * moment says which value the cell kept. The cell's base value closes the list.
 */
export function CellHistoryDialog(props: CellHistoryDialogProps) {
  const { planId, target, format, nameOf, onClose, reason } = props
  const { t } = useTranslation()
  const [stored, setStored] = useState<CellHistoryResponse>()
  const [reasonFilter, setReasonFilter] = useState<ReasonFilterValue>('')
  const [error, setError] = useState<string>()
  useEffect(() => {
    cellHistory(planId, target).then(setStored, (failure: Error) => setError(failure.message))
  }, [planId, target])
  const number = (value: number | undefined) => (value === undefined ? '' : format.number(value))
  // The reason was written with the value the cell shows now: the newest write of that value.
  const reasonSeq =
    reason && stored?.history.find((entry) => (entry.shown ?? entry.value) === stored.current)?.seq
  const entries = (stored?.history ?? []).filter(
    (entry) => reasonFilter === '' || (entry.seq === reasonSeq && reason?.reason === reasonFilter),
  )
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog dialog-wide"
        role="dialog"
        aria-label={t('versions.history.title')}
        data-testid="cell-history"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose()
        }}
      >
        <h2>{t('versions.history.title')}</h2>
        <p className="muted">{target.label}</p>
        {reason && (
          <p data-testid="cell-reason">
            {t('forecast.reasonNow')} <ReasonText note={reason} />
          </p>
        )}
        {target.measure === 'demand' && (
          <ReasonFilter value={reasonFilter} onChange={setReasonFilter} />
        )}
        {error && (
          <p className="error" role="alert">
            {t('versions.failed', { message: error })}
          </p>
        )}
        {!stored && !error && <p className="muted">{t('versions.loading')}</p>}
        {stored?.history.length === 0 && <p className="muted">{t('versions.history.none')}</p>}
        {stored && (
          <table className="history-table">
            <thead>
              <tr>
                <th>{t('versions.history.at')}</th>
                <th>{t('versions.history.author')}</th>
                <th>{t('versions.history.source')}</th>
                <th className="number">{t('versions.history.before')}</th>
                <th className="number">{t('versions.history.value')}</th>
                <th>{t('versions.history.note')}</th>
                <th>{t('forecast.reasonColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={`${entry.seq}:${entry.author}:${entry.value}`} data-testid="history-entry">
                  <td>{format.dateTime(entry.at)}</td>
                  <td>{nameOf(entry.author)}</td>
                  <td data-testid="history-source">
                    {entry.source ? t(`versions.history.sources.${entry.source}`) : ''}
                  </td>
                  <td className="number">{number(entry.previous)}</td>
                  <td className="number">{number(entry.value)}</td>
                  <td data-testid="history-note">
                    {entry.shown !== undefined && entry.shown !== entry.value
                      ? t('versions.history.overwritten', { kept: format.number(entry.shown) })
                      : ''}
                  </td>
                  <td data-testid="history-reason">
                    {reason && entry.seq === reasonSeq && <ReasonText note={reason} />}
                  </td>
                </tr>
              ))}
              <tr className="history-base" data-testid="history-base">
                <td colSpan={4}>{t('versions.history.base')}</td>
                <td className="number">{format.number(stored.base)}</td>
                <td />
                <td />
              </tr>
            </tbody>
          </table>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} autoFocus>
            {t('versions.close')}
          </button>
        </div>
      </div>
    </div>
  )
}
