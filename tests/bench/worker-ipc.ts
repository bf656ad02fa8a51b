import type { Target } from './light-client.js'

/** Commands the bench sends a load worker. */
export type WorkerCommand =
  | { type: 'connect'; target: Target; slots: (number | null)[]; streamDir: string; ext: boolean }
  | { type: 'drive'; ratePerWriter: number; durationMs: number; record: boolean }
  | { type: 'counts' }
  | { type: 'collect' }
  | { type: 'close' }

/** What a load worker answers. `received` is per client, in the order they were given. */
export type WorkerReport =
  | { type: 'connected' }
  | { type: 'driven'; sent: number; exhausted: boolean }
  | { type: 'counts'; received: number[]; receivers: boolean[]; cpuMs: number; lastArrival: number }
  | { type: 'collected'; sends: number[]; arrivals: number[][] }
  | { type: 'closed' }
  | { type: 'failed'; message: string }
