import type { PlanLog } from '../store/plan-log.js'
import type { ServerMetrics } from './server-metrics.js'

/**
 * The same plan log, timing each append and counting compactions by outcome (`ok`, `stale`:
 * another instance compacted first, `failed`) under the store's kind. Every other member is the log's own.
 */
export function timedPlanLog(log: PlanLog, store: string, metrics: ServerMetrics): PlanLog {
  const appendUpdates: PlanLog['appendUpdates'] = async (...args) => {
    const started = performance.now()
    try {
      return await log.appendUpdates(...args)
    } finally {
      metrics.appendTimed(store, (performance.now() - started) / 1000)
    }
  }
  const compact: PlanLog['compact'] = async (...args) => {
    try {
      const result = await log.compact(...args)
      metrics.compacted(store, result.written ? 'ok' : 'stale')
      return result
    } catch (error) {
      metrics.compacted(store, 'failed')
      throw error
    }
  }
  return new Proxy(log, {
    get(target, property) {
      if (property === 'appendUpdates') return appendUpdates
      if (property === 'compact') return compact
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value
    },
  })
}
