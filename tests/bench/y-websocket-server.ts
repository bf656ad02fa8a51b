import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { docs, getYDoc, setupWSConnection } from '@y/websocket-server/utils'
import type { BenchPlan } from './bench-plan.js'
import type { RunningServer } from './running-server.js'

/** The reference server as its own bin starts it: `setupWSConnection` behind a plain ws server. */
export async function startYWebsocketServer(plan: BenchPlan): Promise<RunningServer> {
  Y.applyUpdate(getYDoc(plan.id), plan.snapshot)
  const wss = new WebSocketServer({ noServer: true })
  wss.on('connection', setupWSConnection)
  const server = createServer((_request, response) => response.end('okay'))
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    rooms: () => docs.size,
    stop: async () => {
      for (const client of wss.clients) client.terminate()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
