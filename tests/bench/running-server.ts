/** A server under test, listening on a random loopback port. */
export interface RunningServer {
  port: number
  /** Sent as `?token=` by clients, where the server requires one. */
  token?: string
  /** Live rooms or documents, where the server counts them. */
  rooms(): number
  stop(): Promise<void>
}
