import type { SyncConnection } from './sync-connection.js'

/** Where a change to a room's document came from, so echo and double-persist are type checks. */
export type ChangeOrigin =
  | { kind: 'remote'; connection: SyncConnection }
  | { kind: 'store' }
  | { kind: 'local' }
  | { kind: 'peer' }
