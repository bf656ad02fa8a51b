/**
 * A place on a plan's board that a URL can point at: a cell (by its row key, the same in every
 * browser, and its plan period), a comment thread, a flag, a published version, a meeting
 * action (the Meeting panel) or the S&OP cycle (its panel).
 */
export type BoardLink =
  | { kind: 'cell'; row: string; period: number }
  | { kind: 'thread'; id: string }
  | { kind: 'flag'; id: string }
  | { kind: 'version'; id: string }
  | { kind: 'action'; id: string }
  | { kind: 'cycle' }

const PARAMS = ['cell', 'period', 'thread', 'flag', 'version', 'action', 'cycle'] as const

/** The query string of a link (`?thread=…`), beside whatever else `search` holds. */
export function linkSearch(link: BoardLink, search = ''): string {
  const params = new URLSearchParams(search)
  for (const name of PARAMS) params.delete(name)
  if (link.kind === 'cell') {
    params.set('cell', link.row)
    params.set('period', String(link.period))
  } else if (link.kind === 'cycle') params.set('cycle', '1')
  else params.set(link.kind, link.id)
  return `?${params.toString()}`
}

/** The full URL of a link to a place on the board of the plan at `boardUrl` (origin + path). */
export function boardLinkUrl(boardUrl: string, link: BoardLink): string {
  return `${boardUrl}${linkSearch(link)}`
}

/** The place a board URL's query string points at, if it points at one. */
export function parseBoardLink(search: string): BoardLink | undefined {
  const params = new URLSearchParams(search)
  const row = params.get('cell')
  if (row) {
    const period = Number(params.get('period'))
    return Number.isInteger(period) && period >= 0 ? { kind: 'cell', row, period } : undefined
  }
  for (const kind of ['thread', 'flag', 'version', 'action'] as const) {
    const id = params.get(kind)
    if (id) return { kind, id }
  }
  return params.has('cycle') ? { kind: 'cycle' } : undefined
}

/** The query string without link parameters, once a link has been followed. */
export function withoutLink(search: string): string {
  const params = new URLSearchParams(search)
  for (const name of PARAMS) params.delete(name)
  const rest = params.toString()
  return rest ? `?${rest}` : ''
}
