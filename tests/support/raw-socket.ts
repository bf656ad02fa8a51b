import { randomBytes } from 'node:crypto'
import type { Socket } from 'node:net'
import { connect } from 'node:net'

/**
 * A WebSocket client on a bare TCP socket that reads the server's frames but answers nothing,
 * not even a close frame, until `answerClose` is called: the peer a drain has to wait for.
 */
export interface RawSocket {
  /** Resolves with the code of the server's close frame. */
  closeFrame(): Promise<number>
  /** Sends the close frame the server is waiting for. */
  answerClose(code?: number): void
  /** Resolves when the server has closed the TCP connection. */
  ended(): Promise<void>
  destroy(): void
}

/** Upgrades `url` (`http://host:port/path?query`) and resolves after the 101. */
export async function openRawSocket(url: string): Promise<RawSocket> {
  const target = new URL(url)
  const socket: Socket = connect(Number(target.port), target.hostname)
  const key = randomBytes(16).toString('base64')
  socket.write(
    [
      `GET ${target.pathname}${target.search} HTTP/1.1`,
      `Host: ${target.host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${key}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  )
  let buffer: Buffer = Buffer.alloc(0)
  let upgraded = false
  let onClose: ((code: number) => void) | undefined
  const closeCode = new Promise<number>((resolve) => (onClose = resolve))
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n')
        if (end < 0) return
        const head = buffer.subarray(0, end).toString()
        if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`no upgrade: ${head}`))
        upgraded = true
        buffer = buffer.subarray(end + 4)
        resolve()
      }
      buffer = readFrames(buffer, (opcode, payload) => {
        if (opcode === 0x8) onClose?.(payload.length >= 2 ? payload.readUInt16BE(0) : 1005)
      })
    })
  })
  return {
    closeFrame: () => closeCode,
    answerClose: (code = 1000) => {
      const payload = Buffer.alloc(2)
      payload.writeUInt16BE(code)
      const mask = randomBytes(4)
      const masked = payload.map((byte, i) => byte ^ mask[i % 4])
      socket.write(Buffer.concat([Buffer.from([0x88, 0x80 | payload.length]), mask, masked]))
    },
    ended: () => ended,
    destroy: () => socket.destroy(),
  }
}

/** Calls `frame` for each whole (unmasked, server-sent) frame; returns the incomplete rest. */
function readFrames(buffer: Buffer, frame: (opcode: number, payload: Buffer) => void): Buffer {
  let rest = buffer
  for (;;) {
    if (rest.length < 2) return rest
    let length = rest[1] & 0x7f
    let offset = 2
    if (length === 126) {
      if (rest.length < 4) return rest
      length = rest.readUInt16BE(2)
      offset = 4
    } else if (length === 127) {
      if (rest.length < 10) return rest
      length = Number(rest.readBigUInt64BE(2))
      offset = 10
    }
    if (rest.length < offset + length) return rest
    frame(rest[0] & 0x0f, rest.subarray(offset, offset + length))
    rest = rest.subarray(offset + length)
  }
}
