import type { ConnectionStatus } from './connection-status.js'
import type { Generation } from './generation.js'

/** What the badge says: offline, connecting, online once synced, or reconnecting after a drop. */
export function connectionStatusOf(state: Generation | undefined): ConnectionStatus {
  if (!navigator.onLine) return 'offline'
  if (!state) return 'connecting'
  if (state.provider.wsconnected && state.provider.synced) return 'online'
  return state.everConnected ? 'reconnecting' : 'connecting'
}
