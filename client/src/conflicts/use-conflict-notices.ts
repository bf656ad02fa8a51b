import { useEffect, useRef, useState } from 'react'
import { isPresenceState } from '../presence/presence-state.js'
import type { Notify } from '../notices/use-notices.js'
import type { BoardView } from '../plan-view/board-view.js'
import { describeCell } from '../plan-view/describe-cell.js'
import { describeEditViolation } from '../plan-view/describe-edit-violation.js'
import type { PlanLive, PlanSession } from '../sync/plan-session.js'
import type { CellConflict } from './conflict-tracker.js'
import { ConflictTracker } from './conflict-tracker.js'

/** The name of whoever writes under a clientID, from their presence. */
export function writerName(live: PlanLive, client: number): string | undefined {
  const state: unknown = live.provider.awareness.getStates().get(client)
  return isPresenceState(state) ? state.user.name : undefined
}

/**
 * Tells me, with a decision, whenever my value and someone else's replace each other in one
 * cell: who, which cell, both values, and one click to restore mine or keep theirs. Returns the
 * tracker, which an open cell editor also listens to.
 */
export function useConflictNotices(
  live: PlanLive,
  view: BoardView,
  session: PlanSession,
  notify: Notify,
): ConflictTracker | undefined {
  const [tracker, setTracker] = useState<ConflictTracker>()
  const viewRef = useRef(view)
  viewRef.current = view
  useEffect(() => {
    const created = new ConflictTracker(live)
    setTracker(created)
    const write = (conflict: CellConflict, value: number) => {
      const current = viewRef.current
      const edit = { ...conflict.cell, value }
      const violation = session.applyEdits([edit], 'grid')
      if (violation) notify(describeEditViolation(current, violation, [edit]), 'error')
    }
    const stop = created.onConflict((conflict) => {
      const current = viewRef.current
      const { t, format } = current
      const { measure, key, period } = conflict.cell
      const words = {
        who: writerName(live, conflict.client) ?? t('conflict.someone'),
        cell: describeCell(current, measure, key, period),
        mine: format.number(conflict.mine),
        theirs: format.number(conflict.theirs),
      }
      const mine = () => write(conflict, conflict.mine)
      const theirs = () => write(conflict, conflict.theirs)
      const nothing = () => {}
      const [first, second] =
        conflict.kind === 'replaced'
          ? [
              {
                label: t('conflict.restoreMine', words),
                testId: 'conflict-restore-mine',
                run: mine,
              },
              { label: t('conflict.keepTheirs'), testId: 'conflict-keep-theirs', run: nothing },
            ]
          : [
              { label: t('conflict.keepMine'), testId: 'conflict-keep-mine', run: nothing },
              {
                label: t(
                  conflict.kind === 'kept' ? 'conflict.useTheirs' : 'conflict.restoreTheirs',
                ),
                testId: 'conflict-use-theirs',
                run: theirs,
              },
            ]
      notify(t(`conflict.${conflict.kind}`, words), 'conflict', [first, second])
    })
    return () => {
      stop()
      created.destroy()
    }
  }, [live, session, notify])
  return tracker
}
