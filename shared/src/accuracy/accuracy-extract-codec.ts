import { decodeUtf8, encodeUtf8 } from 'lib0/string'
import type { AccuracyExtract } from './accuracy-extract.js'

const MAGIC = 0x31584154 // "TAX1", little-endian
const VALUES = ['demand', 'baseline', 'supply'] as const

interface ExtractHeader {
  periodKind: AccuracyExtract['periodKind']
  firstPeriod: string
  publishedPeriod: number
  maxLag: number
  skus: string[]
  reasons: AccuracyExtract['snapshot']['reasons']
  /** Bytes per value of each array: 4 when every value is exact as a 32-bit float. */
  widths: (4 | 8)[]
}

/**
 * An extract as bytes (the stores keep them): the magic `TAX1`, the header's length, a JSON
 * header (calendar, SKUs, reasons), then each array padded to 8 bytes, as 32-bit floats when
 * every value survives the round trip (whole units do) and as 64-bit floats otherwise.
 */
export function encodeAccuracyExtract(extract: AccuracyExtract): Uint8Array {
  const { snapshot } = extract
  const widths = VALUES.map((name) => (fitsFloat32(snapshot[name]) ? 4 : 8) as 4 | 8)
  const header: ExtractHeader = {
    periodKind: extract.periodKind,
    firstPeriod: extract.firstPeriod,
    publishedPeriod: snapshot.publishedPeriod,
    maxLag: snapshot.maxLag,
    skus: snapshot.skus,
    reasons: snapshot.reasons,
    widths,
  }
  const json = encodeUtf8(JSON.stringify(header))
  const start = pad(8 + json.length)
  const sizes = VALUES.map((name, i) => pad(snapshot[name].length * widths[i]!))
  const bytes = new Uint8Array(start + sizes.reduce((a, b) => a + b, 0))
  const view = new DataView(bytes.buffer)
  view.setUint32(0, MAGIC, true)
  view.setUint32(4, json.length, true)
  bytes.set(json, 8)
  let at = start
  VALUES.forEach((name, i) => {
    const values = snapshot[name]
    const typed = widths[i] === 4 ? Float32Array.from(values) : values
    bytes.set(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength), at)
    at += sizes[i]!
  })
  return bytes
}

/** The extract these bytes hold; throws on bytes that are not one. */
export function decodeAccuracyExtract(bytes: Uint8Array): AccuracyExtract {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC)
    throw new Error('not an accuracy extract')
  const length = view.getUint32(4, true)
  const header = JSON.parse(decodeUtf8(bytes.subarray(8, 8 + length))) as ExtractHeader
  const count = header.skus.length * header.maxLag
  let at = pad(8 + length)
  const arrays = header.widths.map((width) => {
    const size = count * width
    if (at + size > bytes.byteLength) throw new Error('a truncated accuracy extract')
    // Copied out: the bytes may sit at any offset of a store's buffer.
    const copy = bytes.slice(at, at + size)
    at += pad(size)
    return width === 4
      ? Float64Array.from(new Float32Array(copy.buffer))
      : new Float64Array(copy.buffer)
  })
  return {
    periodKind: header.periodKind,
    firstPeriod: header.firstPeriod,
    snapshot: {
      publishedPeriod: header.publishedPeriod,
      maxLag: header.maxLag,
      skus: header.skus,
      demand: arrays[0]!,
      baseline: arrays[1]!,
      supply: arrays[2]!,
      reasons: header.reasons,
    },
  }
}

function fitsFloat32(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (v === v && Math.fround(v) !== v) return false
  }
  return true
}

function pad(size: number): number {
  return Math.ceil(size / 8) * 8
}
