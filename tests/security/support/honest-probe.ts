import type { TestServer } from '../../support/test-server.js'
import { RawSyncClient, withTimeout } from './raw-sync-client.js'

/** The most any one probe may take before it counts as not served. */
export const PROBE_TIMEOUT_MS = 10_000

/** What an honest user saw while something else went on, in milliseconds per probe. */
export interface ProbeFigures {
  health: number[]
  saved: number[]
  received: number[]
  /** Probes that failed: `/health` not 200, a close, or no answer within 10 s. */
  failures: string[]
}

/**
 * An honest user beside a flood: every `everyMs` it asks `GET /health` and writes a demand cell
 * as a sales user, timing the edit until `saved` and until an observer (a planner) has it.
 * `stop()` ends the probes and returns the figures.
 */
export async function startHonestProbe(
  server: TestServer,
  planId: string,
  sku: string,
  everyMs = 250,
): Promise<{ stop: () => Promise<ProbeFigures> }> {
  const editor = await RawSyncClient.connect(server.syncUrl, planId, { token: server.tokens.sales })
  const observer = await RawSyncClient.connect(server.syncUrl, planId, {
    token: server.tokens.planner,
  })
  const figures: ProbeFigures = { health: [], saved: [], received: [], failures: [] }
  let value = 500_000
  let running = true

  const probeHealth = async () => {
    const started = performance.now()
    try {
      const response = await withTimeout(
        fetch(`${server.url}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }),
        PROBE_TIMEOUT_MS,
        '/health',
      )
      await response.arrayBuffer()
      if (response.status !== 200) figures.failures.push(`/health answered ${response.status}`)
      else figures.health.push(performance.now() - started)
    } catch (error) {
      figures.failures.push(`/health: ${String(error)}`)
    }
  }

  const probeEdit = async () => {
    const written = ++value
    const savedBefore = editor.savedCount
    const received = new Promise<void>((resolve) => {
      const check = () => {
        if (observer.plan.readCell('demand', sku, 3) !== written) return
        observer.doc.off('update', check)
        resolve()
      }
      observer.doc.on('update', check)
    })
    const started = performance.now()
    editor.sendUpdate(editor.edit((plan) => plan.writeCell('demand', sku, 3, written)))
    const verdict = await editor.verdict(savedBefore, PROBE_TIMEOUT_MS)
    if (verdict.kind !== 'accepted') {
      figures.failures.push(`edit ${written}: ${JSON.stringify(verdict)}`)
      return
    }
    figures.saved.push(performance.now() - started)
    try {
      await withTimeout(received, PROBE_TIMEOUT_MS, `edit ${written} at the observer`)
      figures.received.push(performance.now() - started)
    } catch (error) {
      figures.failures.push(String(error))
    }
  }

  const loop = (async () => {
    while (running) {
      await Promise.all([probeHealth(), probeEdit()])
      await new Promise((resolve) => setTimeout(resolve, everyMs))
    }
  })()

  return {
    stop: async () => {
      running = false
      await loop
      if (!editor.isOpen) figures.failures.push('the editor was closed')
      if (!observer.isOpen) figures.failures.push('the observer was closed')
      editor.close()
      observer.close()
      return figures
    },
  }
}

/** `p50 x ms, max y ms (n)` for a list of timings. */
export function describeTimings(timings: number[]): string {
  if (timings.length === 0) return 'none'
  const sorted = [...timings].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]
  return `median ${median.toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (${sorted.length})`
}

/** One `[security]` line with what the honest user saw during `what`. */
export function reportProbe(what: string, figures: ProbeFigures): void {
  console.log(
    `[security] ${what}: /health ${describeTimings(figures.health)}; edit → saved ` +
      `${describeTimings(figures.saved)}; edit → remote ${describeTimings(figures.received)}; ` +
      `failures ${figures.failures.length}`,
  )
}
