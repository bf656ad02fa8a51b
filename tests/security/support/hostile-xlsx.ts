import { constants, crc32, deflateRawSync } from 'node:zlib'

/** One zip entry as a test writes it: its compressed bytes and what the headers declare. */
export interface RawEntry {
  name: string
  /** The bytes after the local header, compressed with `method`. */
  data: Buffer
  method: 0 | 8
  crc: number
  /** The uncompressed size the headers declare (true or not). */
  size: number
  /** Written as a local entry but left out of the central directory. */
  hidden?: boolean
}

/** An honestly deflated entry. */
export function deflated(name: string, content: string | Buffer): RawEntry {
  const bytes = Buffer.from(content)
  return { name, data: deflateRawSync(bytes), method: 8, crc: crc32(bytes), size: bytes.length }
}

/** Content made of a head, `unit` repeated `repeats` times, and a tail. */
export interface RepeatedContent {
  head?: string
  unit: string
  repeats: number
  tail?: string
}

/**
 * An entry whose deflate data unpacks to `content` while it declares `declaredSize` (the true
 * size unless given). Built without compressing the whole: head and unit are each deflated
 * once with a full flush (no reference to earlier data, byte-aligned), the unit's segment is
 * repeated, and the tail closes the stream as its final block.
 */
export function repeated(name: string, content: RepeatedContent, declaredSize?: number): RawEntry {
  const flushed = (text: string) =>
    deflateRawSync(Buffer.from(text), { level: 9, finishFlush: constants.Z_FULL_FLUSH })
  const unit = flushed(content.unit)
  const data = Buffer.concat([
    ...(content.head ? [flushed(content.head)] : []),
    ...Array<Buffer>(content.repeats).fill(unit),
    deflateRawSync(Buffer.from(content.tail ?? '')),
  ])
  const unitBytes = Buffer.from(content.unit)
  // A lying entry's CRC does not matter: it is refused on its size first.
  let crc = 0
  if (declaredSize === undefined) {
    crc = crc32(content.head ?? '')
    for (let i = 0; i < content.repeats; i++) crc = crc32(unitBytes, crc)
    crc = crc32(content.tail ?? '', crc)
  }
  const size =
    Buffer.byteLength(content.head ?? '') +
    unitBytes.length * content.repeats +
    Buffer.byteLength(content.tail ?? '')
  return { name, data, method: 8, crc, size: declaredSize ?? size }
}

/** An entry whose deflate data turns invalid halfway: a valid start, then a reserved block type. */
export function corruptDeflate(name: string, content: string): RawEntry {
  const bytes = Buffer.from(content)
  const start = deflateRawSync(bytes.subarray(0, bytes.length >> 1), {
    finishFlush: constants.Z_SYNC_FLUSH,
  })
  // BFINAL = 1, BTYPE = 11: "invalid block type".
  const data = Buffer.concat([start, Buffer.from([0x07, 0xff, 0xff, 0xff])])
  return { name, data, method: 8, crc: crc32(bytes), size: bytes.length }
}

/** A zip of `entries` in order; hidden entries get a local header only. */
export function zipOf(entries: RawEntry[]): Buffer {
  const blocks: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  let listed = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(entry.method, 8)
    local.writeUInt32LE(entry.crc >>> 0, 14)
    local.writeUInt32LE(entry.data.length, 18)
    local.writeUInt32LE(entry.size, 22)
    local.writeUInt16LE(name.length, 26)
    if (!entry.hidden) {
      const header = Buffer.alloc(46)
      header.writeUInt32LE(0x02014b50, 0)
      header.writeUInt16LE(20, 4)
      header.writeUInt16LE(20, 6)
      header.writeUInt16LE(entry.method, 10)
      header.writeUInt32LE(entry.crc >>> 0, 16)
      header.writeUInt32LE(entry.data.length, 20)
      header.writeUInt32LE(entry.size, 24)
      header.writeUInt16LE(name.length, 28)
      header.writeUInt32LE(offset, 42)
      central.push(header, name)
      listed++
    }
    blocks.push(local, name, entry.data)
    offset += local.length + name.length + entry.data.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(listed, 8)
  end.writeUInt16LE(listed, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...blocks, directory, end])
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** A worksheet of inline-string and number cells, row by row. */
export function sheetXml(rows: (string | number)[][]): string {
  const cells = rows.map(
    (row, r) =>
      `<row r="${r + 1}">${row
        .map((value, c) => {
          const ref = `${String.fromCharCode(65 + c)}${r + 1}`
          return typeof value === 'number'
            ? `<c r="${ref}"><v>${value}</v></c>`
            : `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`
        })
        .join('')}</row>`,
  )
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${cells.join('')}</sheetData></worksheet>`
}

/** The parts of a one-sheet workbook (sheet `Plan`), with `sheet` as its worksheet entry. */
export function workbookEntries(sheet: RawEntry, extra: RawEntry[] = []): RawEntry[] {
  return [
    deflated(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    deflated(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    deflated(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    deflated(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    ...extra,
    sheet,
  ]
}

/** The opening of a shared-strings part, for entries that repeat strings after it. */
export const SHARED_STRINGS_HEAD = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">`
