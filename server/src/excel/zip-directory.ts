const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_FILE_HEADER = 0x02014b50
const LOCAL_FILE_HEADER = 0x04034b50

/** One entry of a zip file, as its central directory lists it. */
export interface ZipEntry {
  name: string
  /** Where its local header starts. */
  offset: number
  /** General purpose flags: bit 0 encrypted, bit 3 sizes in a data descriptor, bit 11 UTF-8. */
  flags: number
  /** 0 stored, 8 deflated; anything else is refused when the entry is read. */
  method: number
  crc32: number
  compressedSize: number
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
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      crc32: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: size === 0xffffffff ? Number.POSITIVE_INFINITY : size,
    })
    at += 46 + skip
  }
  entries.sort((a, b) => a.offset - b.offset)
  return { entries, directoryOffset }
}

/**
 * Where an entry's compressed bytes are, from its local header; undefined when the local header
 * is missing, names another file, or the bytes run past the central directory.
 */
export function entryData(
  zip: Buffer,
  directory: ZipDirectory,
  entry: ZipEntry,
): Buffer | undefined {
  const at = entry.offset
  if (at + 30 > directory.directoryOffset || zip.readUInt32LE(at) !== LOCAL_FILE_HEADER)
    return undefined
  const nameLength = zip.readUInt16LE(at + 26)
  const start = at + 30 + nameLength + zip.readUInt16LE(at + 28)
  if (zip.toString('utf8', at + 30, at + 30 + nameLength) !== entry.name) return undefined
  const end = start + entry.compressedSize
  if (end > directory.directoryOffset) return undefined
  return zip.subarray(start, end)
}

/** One entry of a zip to write: its name, its (verified) central-directory facts and bytes. */
export interface ZipPart {
  entry: ZipEntry
  data: Buffer
}

/**
 * A new zip holding exactly `parts`, in that order, each with a fresh local header built from
 * its central-directory facts (sizes and CRC in the header, no data descriptor), the compressed
 * bytes untouched. A streaming reader then reads each entry as the central directory declares
 * it, and nothing else: no hidden local entries, no sizes that differ from what was checked.
 */
export function writeZip(parts: ZipPart[]): Buffer {
  const blocks: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const { entry, data } of parts) {
    const name = Buffer.from(entry.name, 'utf8')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(LOCAL_FILE_HEADER, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(entry.method, 8)
    local.writeUInt16LE(0, 10)
    local.writeUInt16LE(0x21, 12)
    local.writeUInt32LE(entry.crc32, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(entry.size, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    const header = Buffer.alloc(46)
    header.writeUInt32LE(CENTRAL_FILE_HEADER, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(20, 6)
    local.copy(header, 8, 6, 30)
    header.writeUInt32LE(offset, 42)
    blocks.push(local, name, data)
    central.push(header, name)
    offset += local.length + name.length + data.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...blocks, directory, end])
}
