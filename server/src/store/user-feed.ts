/**
 * How instances that share a store tell each other about one user: a message published for a
 * user reaches every instance subscribed for that user, this one included. Only shared stores
 * (Redis) have it; with one process (SQLite) the server's own hub is enough.
 */
export interface UserFeed {
  /** Sends `message` to every subscriber for `userId`, on every instance. Never throws. */
  publish(userId: string, message: string): void
  /** Calls `onMessage` with each message published for `userId`, until the returned function is called. */
  subscribe(userId: string, onMessage: (message: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}
