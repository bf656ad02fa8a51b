import { crc32, createInflateRaw } from 'node:zlib'
import type { ImportDeadline } from './import-deadline.js'
import { ImportProblem } from './import-issue.js'
import type { ZipEntry } from './zip-directory.js'

/** Compressed bytes handed to zlib at a time, so every step can check the deadline. */
const CHUNK = 64 * 1024

/** A damaged archive: the entry and the reason, as the `xlsxCorrupt` issue names them. */
export function corruptEntry(entry: string, reason: string): ImportProblem {
  return ImportProblem.single('xlsxCorrupt', {}, { entry, reason })
}

/**
 * Unpacks one entry as a stream, never holding more than a chunk, and checks that it unpacks
 * to exactly the size and CRC-32 its central directory declares: more bytes than declared end
 * the read at once (a zip bomb declares a small size), damaged deflate data is refused as soon
 * as zlib sees it. `onBytes` sees every unpacked chunk.
 */
export async function inflateEntry(
  entry: ZipEntry,
  data: Buffer,
  deadline: ImportDeadline,
  onBytes: (chunk: Buffer) => void = () => {},
): Promise<void> {
  if (entry.flags & 1) throw corruptEntry(entry.name, 'encrypted')
  let crc = 0
  let bytes = 0
  const take = (chunk: Buffer) => {
    bytes += chunk.length
    if (bytes > entry.size) throw corruptEntry(entry.name, 'unpacks to more than it declares')
    crc = crc32(chunk, crc)
    onBytes(chunk)
  }
  if (entry.method === 0) {
    if (data.length !== entry.size) throw corruptEntry(entry.name, 'stored size differs')
    for (let at = 0; at < data.length; at += CHUNK) {
      deadline.check()
      take(data.subarray(at, at + CHUNK))
    }
  } else if (entry.method === 8) {
    await inflateChunks(entry, data, deadline, take)
  } else {
    throw corruptEntry(entry.name, `compression method ${entry.method}`)
  }
  if (bytes !== entry.size) throw corruptEntry(entry.name, 'unpacks to less than it declares')
  if (crc >>> 0 !== entry.crc32 >>> 0) throw corruptEntry(entry.name, 'CRC-32 mismatch')
}

function inflateChunks(
  entry: ZipEntry,
  data: Buffer,
  deadline: ImportDeadline,
  take: (chunk: Buffer) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: CHUNK })
    let settled = false
    const fail = (error: unknown) => {
      if (settled) return
      settled = true
      inflate.destroy()
      reject(
        error instanceof ImportProblem
          ? error
          : corruptEntry(entry.name, (error as Error).message || 'damaged deflate data'),
      )
    }
    inflate.on('data', (chunk: Buffer) => {
      try {
        deadline.check()
        take(chunk)
      } catch (error) {
        fail(error)
      }
    })
    inflate.on('error', fail)
    inflate.on('end', () => {
      if (settled) return
      settled = true
      resolve()
    })
    let at = 0
    const feed = () => {
      while (!settled && at < data.length) {
        const chunk = data.subarray(at, at + CHUNK)
        at += CHUNK
        if (!inflate.write(chunk)) {
          inflate.once('drain', feed)
          return
        }
      }
      if (!settled && at >= data.length) inflate.end()
    }
    feed()
  })
}
