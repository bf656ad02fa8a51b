import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Stores a slot's stream as length-prefixed updates. */
export async function saveStream(dir: string, slot: number, stream: Uint8Array[]): Promise<void> {
  const total = stream.reduce((sum, u) => sum + 4 + u.byteLength, 0)
  const bytes = Buffer.alloc(total)
  let offset = 0
  for (const update of stream) {
    bytes.writeUInt32LE(update.byteLength, offset)
    bytes.set(update, offset + 4)
    offset += 4 + update.byteLength
  }
  await writeFile(streamFile(dir, slot), bytes)
}

export async function loadStream(dir: string, slot: number): Promise<Uint8Array[]> {
  const bytes = await readFile(streamFile(dir, slot))
  const stream: Uint8Array[] = []
  for (let offset = 0; offset < bytes.byteLength;) {
    const length = bytes.readUInt32LE(offset)
    stream.push(bytes.subarray(offset + 4, offset + 4 + length))
    offset += 4 + length
  }
  return stream
}

function streamFile(dir: string, slot: number): string {
  return join(dir, `slot-${slot}.bin`)
}
