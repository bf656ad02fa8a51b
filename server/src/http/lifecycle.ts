import type { WebSocketServer } from 'ws'
import { CLOSE_CODES } from '@tandem/shared'
import type { RoomRegistry } from '../rooms/room-registry.js'

/**
 * The server's shutdown. `drain` marks it draining (readiness answers 503, new sockets are
 * refused), flushes every room, closes its sockets with 1001 and waits for them to go;
 * `forceClose` ends whatever is still open when the drain time is up.
 */
export class Lifecycle {
  private drainingSince: string | undefined

  constructor(
    private readonly rooms: RoomRegistry,
    private readonly sockets: () => WebSocketServer,
    private readonly connections: () => { closeAllConnections(): void },
  ) {}

  /** When the drain began, or undefined while the server takes new work. */
  get draining(): string | undefined {
    return this.drainingSince
  }

  async drain(): Promise<void> {
    this.drainingSince ??= new Date().toISOString()
    await this.rooms.closeAll()
    const open = [...this.sockets().clients]
    await Promise.all(
      open.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === socket.CLOSED) return resolve()
            socket.once('close', () => resolve())
            socket.close(CLOSE_CODES.goingAway, 'The server is shutting down')
          }),
      ),
    )
  }

  /** Terminates the sockets and HTTP connections still open; returns how many sockets there were. */
  forceClose(): number {
    const open = [...this.sockets().clients]
    for (const socket of open) socket.terminate()
    this.connections().closeAllConnections()
    return open.length
  }
}
