import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { SessionSnapshot } from './plan-session.js'
import { PlanSession } from './plan-session.js'
import type { SessionIdentity } from './plan-session.js'

const EMPTY: SessionSnapshot = {
  live: undefined,
  status: 'connecting',
  unsaved: 0,
  failure: undefined,
}
const noop = () => () => {}

/** Opens a plan for as long as the component is mounted: document, sync, model and status. */
export function usePlan(
  planId: string,
  identity: SessionIdentity,
  createdAt: string | undefined,
  onAccessChanged?: () => void,
): { session: PlanSession | undefined; snapshot: SessionSnapshot } {
  const [session, setSession] = useState<PlanSession>()
  const accessChanged = useRef(onAccessChanged)
  accessChanged.current = onAccessChanged
  const { userId, name, role } = identity
  useEffect(() => {
    const syncUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`
    const opened = new PlanSession({
      planId,
      identity: { userId, name, role },
      syncUrl,
      createdAt,
      onAccessChanged: () => accessChanged.current?.(),
    })
    setSession(opened)
    return () => opened.destroy()
  }, [planId, userId, name, role, createdAt])
  const snapshot = useSyncExternalStore(
    session?.subscribe ?? noop,
    session?.getSnapshot ?? (() => EMPTY),
  )
  return { session, snapshot }
}
