import { call } from '../api/plans-api.js'

/** When I last read each thread of a plan, by thread id. */
export async function getReadMarks(planId: string): Promise<Record<string, string>> {
  const path = `/api/plans/${encodeURIComponent(planId)}/read-marks`
  return (await call<{ readMarks: Record<string, string> }>(path)).readMarks
}

export async function putReadMark(planId: string, threadId: string, at: string): Promise<void> {
  const path = `/api/plans/${encodeURIComponent(planId)}/read-marks/${encodeURIComponent(threadId)}`
  await call<unknown>(path, { method: 'PUT', body: JSON.stringify({ at }) })
}
