/**
 * How an append waits for Redis replication before the server says `saved`: Redis replicates
 * asynchronously, so a master that dies takes with it what its replicas had not yet received.
 * The append sends `WAIT` for up to `replicas` of the replicas its master has connected (none
 * connected: no wait), and fails when fewer acknowledge within `timeoutMs`.
 */
export interface ReplicaWait {
  /** Replicas that must hold the append; 0 turns waiting off. */
  replicas: number
  timeoutMs: number
}

export const DEFAULT_REPLICA_WAIT: ReplicaWait = { replicas: 1, timeoutMs: 1_000 }
