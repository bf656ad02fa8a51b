import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { GridSelection } from '@glideapps/glide-data-grid'
import type { BoardView } from '../plan-view/board-view.js'
import type { Notify } from '../notices/use-notices.js'
import type { PlanSession } from '../sync/plan-session.js'
import { describeEditViolation } from '../plan-view/describe-edit-violation.js'
import type { AcceptScope } from './accept-edits.js'
import { acceptEdits } from './accept-edits.js'

const SCOPES: AcceptScope[] = ['selection', 'sku', 'family', 'visible']

interface AcceptBaselineProps {
  view: BoardView
  session: PlanSession
  selection: () => GridSelection
  notify: Notify
}

/**
 * Accept baseline ▾: writes the statistical forecast into demand for the selected cells, the
 * current cell's SKU or family, or everything visible, as one checked and undoable transaction.
 */
export function AcceptBaseline({ view, session, selection, notify }: AcceptBaselineProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const accept = (scope: AcceptScope) => {
    setOpen(false)
    const { edits, frozen } = acceptEdits(view, selection(), scope)
    if (edits.length === 0) {
      notify(t('forecast.acceptNothing', { count: frozen }), 'info')
      return
    }
    const violation = session.applyEdits(edits, 'baseline')
    if (violation) {
      notify(describeEditViolation(view, violation, edits), 'error')
      return
    }
    notify(
      frozen > 0
        ? t('forecast.acceptedFrozen', { count: edits.length, frozen })
        : t('forecast.accepted', { count: edits.length }),
      'info',
    )
  }
  return (
    <span className="accept-baseline">
      <button
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="accept-baseline"
        onClick={() => setOpen((shown) => !shown)}
      >
        {t('forecast.accept')} ▾
      </button>
      {open && (
        <span className="accept-menu" role="menu">
          {SCOPES.map((scope) => (
            <button
              key={scope}
              type="button"
              role="menuitem"
              data-testid={`accept-${scope}`}
              onClick={() => accept(scope)}
            >
              {t(`forecast.acceptScope.${scope}`)}
            </button>
          ))}
        </span>
      )}
    </span>
  )
}
