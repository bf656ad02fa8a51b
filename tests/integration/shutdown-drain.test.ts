import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { openRawSocket } from '../support/raw-socket.js'
import type { ServerProcess } from '../support/server-process.js'
import { startServerProcess } from '../support/server-process.js'
import { requestToken } from '../support/test-server.js'

const ADMIN = { TANDEM_ADMIN_EMAIL: 'ops@example.com', TANDEM_ADMIN_PASSWORD: 'a-long-admin-pw' }

describe('health and the SIGTERM drain of the real process', () => {
  const dirs: string[] = []
  let server: ServerProcess | undefined
  afterEach(async () => {
    await server?.stop('SIGKILL')
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
  })

  const start = async (drainMs: number) => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-drain-'))
    dirs.push(dir)
    server = await startServerProcess({
      ...ADMIN,
      DATA_DIR: dir,
      TANDEM_DRAIN_MS: String(drainMs),
      LOG_LEVEL: 'info',
    })
    const token = await requestToken(server.url, 'sales@demo.tandem', 'demo-password')
    return { server, token, sync: `${server.url}/sync/demo?token=${token}` }
  }

  const health = async (url: string, path: string) => {
    const response = await fetch(`${url}${path}`)
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  it('answers live and ready apart; while draining, ready is 503 and new sockets are refused', async () => {
    const { server, sync } = await start(60_000)
    expect(await health(server.url, '/health/live')).toEqual({
      status: 200,
      body: { status: 'ok' },
    })
    const ready = await health(server.url, '/health/ready')
    expect(ready).toMatchObject({ status: 200, body: { status: 'ok', store: { reachable: true } } })
    expect(await health(server.url, '/health')).toMatchObject({ status: 200 })

    const holder = await openRawSocket(sync)
    const exited = server.stop('SIGTERM')
    expect(await holder.closeFrame()).toBe(1001)

    // The drain waits for this socket's close handshake, so the server is draining now.
    const draining = await health(server.url, '/health/ready')
    expect(draining).toMatchObject({
      status: 503,
      body: { status: 'draining', reason: 'the server is shutting down' },
    })
    expect((await health(server.url, '/health')).status).toBe(503)
    expect(await health(server.url, '/health/live')).toEqual({
      status: 200,
      body: { status: 'ok' },
    })
    const refused = await new Promise<number>((resolve, reject) => {
      const late = new WebSocket(sync.replace('http', 'ws'))
      late.once('unexpected-response', (request, response) => {
        request.destroy()
        resolve(response.statusCode ?? 0)
      })
      late.once('open', () => reject(new Error('a socket opened during the drain')))
    })
    expect(refused).toBe(503)

    holder.answerClose(1001)
    expect(await exited).toBe(0)
    expect(server.output()).not.toContain('closed by force')
  })

  it('closes by force what is still open when the drain time is up, then exits', async () => {
    const { server, sync } = await start(300)
    const holder = await openRawSocket(sync)
    const exited = server.stop('SIGTERM')
    expect(await holder.closeFrame()).toBe(1001)
    await holder.ended()
    expect(await exited).toBe(0)
    expect(server.output()).toContain('drain time is up: 1 socket(s) closed by force')
  })
})
