import type { Server } from 'node:http'
import type { Socket } from 'node:net'

const REFUSAL_BODY = JSON.stringify({
  code: 'rateLimited',
  message: 'Too many connections from this address',
})
const REFUSAL =
  'HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: application/json\r\n' +
  `Content-Length: ${Buffer.byteLength(REFUSAL_BODY)}\r\n\r\n${REFUSAL_BODY}`

/**
 * Counts, per remote address, the TCP connections that are not (yet) sync sockets: requests
 * being sent (half-sent headers included), upgrades being authenticated, idle keep-alive
 * connections. A connection beyond `maxPerAddress` is answered 429 and closed at once, before
 * its request is read, so one address cannot hold the server's file descriptors. A connection
 * stops counting once it is a sync socket (which the per-user socket cap bounds) or closes.
 */
export class PendingConnections {
  private readonly counts = new Map<string, number>()
  private readonly pending = new WeakSet<Socket>()

  constructor(private readonly maxPerAddress: number) {}

  /** Starts counting the connections `server` accepts. */
  watch(server: Server): void {
    server.on('connection', (socket: Socket) => this.accept(socket))
  }

  /** The connection is now a sync socket: it no longer counts against its address. */
  established(socket: Socket): void {
    this.forget(socket)
  }

  /** Connections from `address` that count, for tests and metrics. */
  countOf(address: string): number {
    return this.counts.get(address) ?? 0
  }

  private forget(socket: Socket): void {
    if (!this.pending.has(socket)) return
    this.pending.delete(socket)
    this.decrement(socket.remoteAddress ?? '')
  }

  private accept(socket: Socket): void {
    const address = socket.remoteAddress ?? ''
    const count = this.countOf(address)
    if (this.maxPerAddress > 0 && count >= this.maxPerAddress) {
      socket.pause()
      socket.end(REFUSAL, () => socket.destroy())
      return
    }
    this.counts.set(address, count + 1)
    this.pending.add(socket)
    socket.once('close', () => this.forget(socket))
  }

  private decrement(address: string): void {
    const count = this.countOf(address) - 1
    if (count > 0) this.counts.set(address, count)
    else this.counts.delete(address)
  }
}
