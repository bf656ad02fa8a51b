const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_FILE_HEADER = 0x02014b50
const LOCAL_FILE_HEADER = 0x04034b50

/** One entry of a zip file, as its central directory lists it. */
export interface ZipEntry {
  name: string
  /** Where its local header starts. */
  offset: number
  /** Declared uncompressed size; Infinity for a zip64 entry. */
  size: number
}

/** A zip file's entries, in file order, and where its central directory starts. */
export interface ZipDirectory {
  entries: ZipEntry[]
  directoryOffset: number
}

/** Reads a zip file's central directory; undefined when the bytes are not a zip file. */
export function readZipDirectory(zip: Buffer): ZipDirectory | undefined {
  if (zip.length < 22 || zip.readUInt32LE(0) !== LOCAL_FILE_HEADER) return undefined
  let end = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i
      break
    }
  }
  if (end < 0) return undefined
  const count = zip.readUInt16LE(end + 10)
  const directoryOffset = zip.readUInt32LE(end + 16)
  const entries: ZipEntry[] = []
  let at = directoryOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_FILE_HEADER) return undefined
    const size = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
    const offset = zip.readUInt32LE(at + 42)
    if (offset >= directoryOffset || at + 46 + skip > zip.length) return undefined
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      offset,
      size: size === 0xffffffff ? Number.POSITIVE_INFINITY : size,
    })
    at += 46 + skip
  }
  entries.sort((a, b) => a.offset - b.offset)
  return { entries, directoryOffset }
}

/**
 * The same zip with some entries moved to the front, compressed bytes untouched. A streaming
 * reader then meets the workbook and its shared strings before the sheets that need them.
 */
export function zipWithEntriesFirst(zip: Buffer, directory: ZipDirectory, first: string[]): Buffer {
  const blocks = directory.entries.map((entry, i) => ({
    name: entry.name,
    bytes: zip.subarray(
      entry.offset,
      directory.entries[i + 1]?.offset ?? directory.directoryOffset,
    ),
  }))
  const rank = (name: string) => {
    const index = first.indexOf(name)
    return index < 0 ? first.length : index
  }
  const ordered = blocks
    .map((block, i) => ({ ...block, i }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.i - b.i)
  return Buffer.concat([
    ...ordered.map((block) => block.bytes),
    zip.subarray(directory.directoryOffset),
  ])
}
