import type { Scenario } from '@tandem/shared'
import type { ActivityEntry } from '../store/plan-records.js'

/**
 * A plan's activity with its scenarios' events (created, promoted, discarded) merged in by time,
 * newest first, at most `limit` entries. A promotion's cells are in the feed as the promoter's
 * edit; its event says which scenario they came from.
 */
export function withScenarioEvents(
  edits: ActivityEntry[],
  scenarios: Scenario[],
  limit: number,
): ActivityEntry[] {
  const events: ActivityEntry[] = []
  for (const scenario of scenarios) {
    const event = (kind: 'created' | 'promoted' | 'discarded', author: string, at: string) =>
      events.push({
        seq: `scenario:${scenario.id}:${kind}`,
        author,
        at,
        cells: 0,
        measures: [],
        keys: [],
        scenario: { id: scenario.id, name: scenario.name, event: kind },
      })
    event('created', scenario.owner, scenario.createdAt)
    if (scenario.status !== 'active' && scenario.closedBy && scenario.closedAt)
      event(scenario.status, scenario.closedBy, scenario.closedAt)
  }
  return [...edits, ...events]
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, limit)
}
