import { get } from 'node:http'

/** One server-sent event as read off the wire. */
export interface ReceivedEvent {
  event: string
  data: unknown
}

/** A text/event-stream being read, collecting its events until `close`. */
export interface EventStream {
  status: number
  events: ReceivedEvent[]
  /** Whether the server ended the stream. */
  ended(): boolean
  close(): void
}

/**
 * Opens a server-sent event stream on its own connection (node:http, not fetch's pool, so
 * closing it closes the socket) and parses its events as they arrive, data as JSON.
 */
export function openEventStream(
  url: string,
  headers: Record<string, string>,
): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers, agent: false }, (response) => {
      const events: ReceivedEvent[] = []
      let buffer = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n')
          buffer = buffer.slice(end + 2)
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7)
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6)
          if (event && data) events.push({ event, data: JSON.parse(data) })
        }
      })
      let ended = false
      response.on('end', () => (ended = true))
      response.on('error', () => {})
      resolve({
        status: response.statusCode ?? 0,
        events,
        ended: () => ended,
        close: () => request.destroy(),
      })
    })
    request.on('error', reject)
  })
}
