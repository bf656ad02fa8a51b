const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_FILE_HEADER = 0x02014b50

/**
 * The total uncompressed size a zip file declares in its central directory, or undefined when
 * it has none (not a zip file). Lets an import refuse a zip bomb before inflating anything.
 */
export function zipDeclaredSize(zip: Buffer): number | undefined {
  const searchFrom = Math.max(0, zip.length - 22 - 0xffff)
  let end = -1
  for (let i = zip.length - 22; i >= searchFrom; i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i
      break
    }
  }
  if (end < 0) return undefined
  const entries = zip.readUInt16LE(end + 10)
  let offset = zip.readUInt32LE(end + 16)
  let total = 0
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) {
      return undefined
    }
    const size = zip.readUInt32LE(offset + 24)
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size
    const nameLength = zip.readUInt16LE(offset + 28)
    const extraLength = zip.readUInt16LE(offset + 30)
    const commentLength = zip.readUInt16LE(offset + 32)
    offset += 46 + nameLength + extraLength + commentLength
  }
  return total
}
