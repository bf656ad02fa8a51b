import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Formatters } from '../i18n/use-formatters.js'
import type { CellHistoryTarget } from './cell-history-target.js'
import type { CellHistoryEntry } from './history-api.js'
import { cellHistory } from './history-api.js'

interface CellHistoryDialogProps {
  planId: string
  target: CellHistoryTarget
  format: Formatters
  nameOf: (userId: string) => string
  onClose: () => void
}

/** Every value a cell has had, newest first, with who set it and when. */
export function CellHistoryDialog(props: CellHistoryDialogProps) {
  const { planId, target, format, nameOf, onClose } = props
  const { t } = useTranslation()
  const [history, setHistory] = useState<CellHistoryEntry[]>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    cellHistory(planId, target).then(setHistory, (failure: Error) => setError(failure.message))
  }, [planId, target])
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-label={t('versions.history.title')}
        data-testid="cell-history"
        onClick={(event) => event.stopPropagation()}
      >
        <h2>{t('versions.history.title')}</h2>
        <p className="muted">{target.label}</p>
        {error && (
          <p className="error" role="alert">
            {t('versions.failed', { message: error })}
          </p>
        )}
        {!history && !error && <p className="muted">{t('versions.loading')}</p>}
        {history?.length === 0 && <p className="muted">{t('versions.history.none')}</p>}
        {history && history.length > 0 && (
          <table className="history-table">
            <thead>
              <tr>
                <th className="number">{t('versions.history.value')}</th>
                <th>{t('versions.history.author')}</th>
                <th>{t('versions.history.at')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((entry) => (
                <tr key={entry.seq}>
                  <td className="number">{format.number(entry.value)}</td>
                  <td>{nameOf(entry.author)}</td>
                  <td>{format.dateTime(entry.at)}</td>
                </tr>
              ))}
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
