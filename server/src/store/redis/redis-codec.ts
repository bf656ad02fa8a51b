/** The smallest stream id after `id`, so that XTRIM MINID keeps exactly the later entries. */
export function nextStreamId(id: string): string {
  const match = /^(\d+)-(\d+)$/.exec(id)
  if (!match) throw new RangeError(`Not a stream id: ${id}`)
  const [ms, seq] = [BigInt(match[1]), BigInt(match[2])]
  return seq === 2n ** 64n - 1n ? `${ms + 1n}-0` : `${ms}-${seq + 1n}`
}

/** A view of the bytes as a Buffer, without copying. */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

export function streamFields(fields: Buffer[]): Map<string, Buffer> {
  const map = new Map<string, Buffer>()
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i].toString(), fields[i + 1])
  return map
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
