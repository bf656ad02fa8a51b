import type { Socket } from 'node:net'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CLOSE_CODES, MESSAGE_TYPES } from '@tandem/shared'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import { RawSyncClient, withTimeout } from './support/raw-sync-client.js'
import { waitUntil } from './support/wait-until.js'

describe('per-connection limits on the socket', () => {
  let server: TestServer | undefined
  let cleanup: (() => Promise<void>) | undefined

  afterEach(async () => {
    await server?.close()
    await cleanup?.()
    server = undefined
  })

  async function start(options: Parameters<typeof startTestServer>[1]) {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    const started = await startTestServer(temp.store, options)
    server = started
    return { server: started, planId: await createPlan(started, { skuCount: 3, periodCount: 4 }) }
  }

  it('closes a socket that sends more than 16 MiB while its plan loads with 1013, and replays what fits', async () => {
    const { server, planId } = await start({})
    // The real store, held back: the plan loads only when the test lets it.
    let letLoad = () => {}
    const loading = new Promise<void>((resolve) => (letLoad = resolve))
    const loadPlan = server.store.log.loadPlan.bind(server.store.log)
    server.store.log.loadPlan = async (id) => {
      await loading
      return loadPlan(id)
    }
    const filler = (bytes: number) => {
      const message = new Uint8Array(bytes)
      message[0] = MESSAGE_TYPES.auth // the room ignores auth messages: only their size counts
      return message
    }
    const flooder = RawSyncClient.open(server.syncUrl, planId, { token: server.tokens.viewer })
    const editor = RawSyncClient.open(server.syncUrl, planId, { token: server.tokens.sales })
    await Promise.all([flooder.opened(), editor.opened()])
    for (let i = 0; i < 3; i++) flooder.send(filler(6 * 1024 * 1024))
    for (let i = 0; i < 2; i++) editor.send(filler(6 * 1024 * 1024))
    const close = await withTimeout(flooder.closed, 10_000, 'the 1013 close')
    expect(close.code).toBe(CLOSE_CODES.tryAgainLater)
    expect(close.reason).toMatch(/while the plan was loading/)
    expect(editor.isOpen).toBe(true)

    // 12 MiB and a sync step 1 fit under the cap: replayed in order once the plan has loaded.
    const synced = editor.resync()
    letLoad()
    await synced
    const sku = editor.plan.listSkus()[0]
    editor.sendUpdate(editor.edit((plan) => plan.writeCell('demand', sku, 2, 42)))
    expect((await editor.verdict(0)).kind).toBe('accepted')
    console.log(
      `[security] pre-room buffer: 18 MiB sent while the plan loaded closed with ${close.code}; ` +
        '12 MiB were held and replayed',
    )
    editor.close()
  })

  it('closes a flooding socket with 4429 and leaves a steady one open', async () => {
    const { server, planId } = await start({ socketRate: { perSecond: 20, burst: 40 } })
    const steady = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    const flood = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    for (let i = 0; i < 200; i++) flood.send(Uint8Array.of(MESSAGE_TYPES.queryAwareness))
    const close = await withTimeout(flood.closed, 5000, 'the 4429 close')
    expect(close.code).toBe(CLOSE_CODES.rateLimited)
    // 10 messages a second for 2 s stays inside 20/s with a burst of 40.
    for (let i = 0; i < 20; i++) {
      steady.send(Uint8Array.of(MESSAGE_TYPES.queryAwareness))
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await steady.resync()
    expect(steady.isOpen).toBe(true)
    steady.close()
  })

  it('closes a receiver that stops reading with 1013 once 32 MiB are buffered for it', async () => {
    const { server, planId } = await start({})
    const reader = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    const writer = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    const room = await server.app.rooms.open(planId)
    expect(room?.peers.size).toBe(2)
    const tcp = (reader.socket as unknown as { _socket: Socket })._socket
    tcp.pause()

    // Presence is relayed to everyone in the plan: 1 MiB states, 64 of them, paced under the
    // presence rate (10 a second) so that each one is relayed rather than coalesced.
    const awareness = new awarenessProtocol.Awareness(new Y.Doc())
    const blob = 'x'.repeat(1024 * 1024)
    let sent = 0
    for (let i = 0; i < 64; i++) {
      sent++
      awareness.setLocalState({ user: { name: 'Slow reader test' }, blob: `${i}${blob}` })
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_TYPES.awareness)
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]),
      )
      writer.send(encoding.toUint8Array(encoder))
      await writer.resync()
      await new Promise((resolve) => setTimeout(resolve, 110))
      if (room?.peers.size === 1) break
    }
    await waitUntil(() => room?.peers.size === 1, 10_000, 'the slow reader to be dropped')
    console.log(`[security] slow reader dropped after ${sent} presence states of 1 MiB`)
    expect(writer.isOpen).toBe(true)
    tcp.resume()
    const close = await withTimeout(reader.closed, 10_000, 'the 1013 close')
    expect(close.code).toBe(CLOSE_CODES.tryAgainLater)
    awareness.destroy()
    writer.close()
  })
})
