import type { GridSelection } from '@glideapps/glide-data-grid'
import type { BoardView } from '../plan-view/board-view.js'
import type { Notify } from '../notices/use-notices.js'
import type { PlanSession } from '../sync/plan-session.js'
import { AcceptBaseline } from './accept-baseline.js'
import { OverrideReasonPicker } from './override-reason-picker.js'
import { RunForecast } from './run-forecast.js'

interface ForecastToolsProps {
  planId: string
  view: BoardView
  session: PlanSession
  selection: () => GridSelection
  notify: Notify
}

/** The toolbar's forecast part: Run forecast (planners), Accept baseline and the override reason (sales, planners). */
export function ForecastTools({ planId, view, session, selection, notify }: ForecastToolsProps) {
  const editsDemand = view.role === 'sales' || view.role === 'planner'
  const live = view.shownVersion === undefined
  return (
    <span className="forecast-tools">
      <RunForecast
        planId={planId}
        session={session}
        canRun={live && view.role === 'planner'}
        notify={notify}
      />
      {live && editsDemand && (
        <>
          <AcceptBaseline view={view} session={session} selection={selection} notify={notify} />
          <OverrideReasonPicker session={session} />
        </>
      )}
    </span>
  )
}
