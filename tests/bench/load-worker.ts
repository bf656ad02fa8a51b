import { now } from './clock.js'
import { slotClient } from './edit-key.js'
import { loadStream } from './stream-file.js'
import { cpuMs } from './ipc.js'
import { LightClient } from './light-client.js'
import { updateKey } from './light-wire.js'
import type { WorkerCommand, WorkerReport } from './worker-ipc.js'

interface Writer {
  client: LightClient
  stream: Uint8Array[]
  next: number
  sentThisDrive: number
  /** Spreads the writers' sends over each period instead of sending them all at once. */
  phase: number
}

const TICK_MS = 2

/** Child process entry: hosts light clients, so the bench's own process never receives. */
let clients: LightClient[] = []
let receivers: boolean[] = []
let writers: Writer[] = []
let sends: number[] = []

function report(message: WorkerReport): void {
  process.send?.(message)
}

async function connect(command: Extract<WorkerCommand, { type: 'connect' }>): Promise<void> {
  const { target, slots } = command
  receivers = slots.map((slot) => slot === null)
  writers = []
  clients = await Promise.all(
    slots.map(async (slot) => {
      const ext: Record<string, string> = slot !== null && command.ext ? { ext: '1' } : {}
      const params = { ...target.params, ...ext }
      const client = new LightClient({ ...target, params }, slot === null ? -1 : slotClient(slot))
      if (slot !== null) {
        const stream = await loadStream(command.streamDir, slot)
        writers.push({ client, stream, next: 0, sentThisDrive: 0, phase: (slot * 0.618034) % 1 })
      }
      await client.ready
      return client
    }),
  )
}

/** Sends at a fixed rate per writer, catching up on late timer ticks. */
function drive(ratePerWriter: number, durationMs: number, record: boolean): Promise<WorkerReport> {
  for (const client of clients) client.recording = record
  for (const writer of writers) writer.sentThisDrive = 0
  sends = []
  const started = now()
  let sent = 0
  let exhausted = false
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = Math.min(now() - started, durationMs)
      for (const writer of writers) {
        const due = Math.floor((elapsed / 1000) * ratePerWriter + writer.phase)
        while (writer.sentThisDrive < due) {
          const update = writer.stream[writer.next]
          if (!update) {
            exhausted = true
            break
          }
          writer.client.send(update)
          if (record) sends.push(updateKey(update), now())
          writer.next++
          writer.sentThisDrive++
          sent++
        }
      }
      if (elapsed >= durationMs) {
        clearInterval(timer)
        resolve({ type: 'driven', sent, exhausted })
      }
    }, TICK_MS)
  })
}

async function handle(command: WorkerCommand): Promise<WorkerReport> {
  switch (command.type) {
    case 'connect':
      await connect(command)
      return { type: 'connected' }
    case 'drive':
      return drive(command.ratePerWriter, command.durationMs, command.record)
    case 'counts':
      return {
        type: 'counts',
        received: clients.map((c) => c.received),
        receivers,
        cpuMs: cpuMs(),
        lastArrival: Math.max(0, ...clients.map((c) => c.lastArrival)),
      }
    case 'collect': {
      for (const client of clients) client.recording = false
      const arrivals = clients.map((c) => c.arrivals.splice(0))
      return { type: 'collected', sends: sends.splice(0), arrivals }
    }
    case 'close':
      await Promise.all(clients.map((c) => c.close()))
      clients = []
      writers = []
      return { type: 'closed' }
  }
}

process.on('message', (command: WorkerCommand) => {
  handle(command).then(report, (error: unknown) =>
    report({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  )
})
process.on('disconnect', () => process.exit(0))
