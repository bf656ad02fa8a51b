/**
 * The board path of a plan or scenario, switched to from the current board: the debug handle
 * (`?debug=1`) stays on, nothing else of the current address (a cell link) is carried over.
 */
export function scenarioPath(planId: string): string {
  const debug = new URLSearchParams(location.search).get('debug')
  return `/plans/${encodeURIComponent(planId)}${debug ? `?debug=${encodeURIComponent(debug)}` : ''}`
}
