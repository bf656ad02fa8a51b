import WebSocket from 'ws'
import { now } from './clock.js'
import { keyClient } from './edit-key.js'
import type { Dialect } from './light-wire.js'
import { authMessage, emptyStep2, readIncomingKey, updateMessage } from './light-wire.js'

/** Where and how a light client connects. */
export interface Target {
  url: string
  dialect: Dialect
  docName: string
  /** Query parameters of the socket URL (`token`, `ext`). */
  params?: Record<string, string>
}

/**
 * A client that speaks the sync protocol but keeps no document: it answers the handshake,
 * sends pre-generated updates, and counts (and optionally timestamps) the updates relayed to it.
 */
export class LightClient {
  received = 0
  /** When the last counted update arrived, on the shared clock. */
  lastArrival = 0
  /** Flattened (editKey, receive time) pairs while `recording`. */
  readonly arrivals: number[] = []
  recording = false
  readonly ready: Promise<void>
  private readonly socket: WebSocket

  constructor(
    private readonly target: Target,
    private readonly ownClient = -1,
  ) {
    const query = new URLSearchParams(target.params).toString()
    const url = query ? `${target.url}?${query}` : target.url
    this.socket = new WebSocket(url, { perMessageDeflate: false })
    this.socket.binaryType = 'nodebuffer'
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('error', reject)
      this.socket.once('close', (code) => reject(new Error(`closed ${code} before ready`)))
      this.socket.once('open', () => {
        if (target.dialect === 'hocuspocus') this.socket.send(authMessage(target.docName))
      })
      this.socket.on('message', (data: Buffer) => {
        const incoming = readIncomingKey(target.dialect, data)
        if (incoming === 'step1') {
          this.socket.send(emptyStep2(target.dialect, target.docName))
          if (target.dialect === 'y-websocket') resolve()
        } else if (incoming === 'ready') {
          resolve()
        } else if (typeof incoming === 'number' && incoming !== -1) {
          if (keyClient(incoming) === this.ownClient) return
          this.received++
          this.lastArrival = now()
          if (this.recording) this.arrivals.push(incoming, this.lastArrival)
        }
      })
    })
  }

  send(update: Uint8Array): void {
    this.socket.send(updateMessage(this.target.dialect, this.target.docName, update))
  }

  get backlog(): number {
    return this.socket.bufferedAmount
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve())
      this.socket.close()
      setTimeout(() => {
        this.socket.terminate()
        resolve()
      }, 1000).unref()
    })
  }
}
