/** How many messages a socket may send: `burst` at once, refilled at `perSecond`. */
export interface SocketRate {
  perSecond: number
  burst: number
}

/** The socket rate when none is configured (`TANDEM_SOCKET_RATE`, `TANDEM_SOCKET_BURST`). */
export const DEFAULT_SOCKET_RATE: Readonly<SocketRate> = { perSecond: 500, burst: 2000 }
