import type { WebsocketProvider } from 'y-websocket'
import type { ExtensionMessage } from '@tandem/shared'
import { decodeExtensionMessage, MESSAGE_TYPES } from '@tandem/shared'

/**
 * Teaches a stock WebsocketProvider Tandem's extension messages (`saved`, `rejected`, `forecastProgress`), which
 * the server sends only to sockets opened with `?ext=1`. The handler's decoder holds the whole
 * message, type included, which is what `decodeExtensionMessage` reads.
 */
export function handleExtensionMessages(
  provider: WebsocketProvider,
  onMessage: (message: ExtensionMessage) => void,
): void {
  for (const type of [
    MESSAGE_TYPES.saved,
    MESSAGE_TYPES.rejected,
    MESSAGE_TYPES.forecastProgress,
  ]) {
    provider.messageHandlers[type] = (_encoder, decoder) => {
      const message = decodeExtensionMessage(decoder.arr)
      decoder.pos = decoder.arr.length
      if (message) onMessage(message)
    }
  }
}
