/** Messages between the bench and its child processes, as tagged unions. */
export type ServerReport =
  | { type: 'ready'; port: number; loadMs: number; token?: string }
  | { type: 'stats'; cpuMs: number; heapUsed: number; rss: number; rooms: number }

export type ServerCommand = { type: 'stats'; gc?: boolean } | { type: 'stop' }

/** CPU time of this process so far, in ms. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
