import { crc32 } from 'node:zlib'
import type { ImportDeadline } from './import-deadline.js'
import { ImportProblem } from './import-issue.js'
import { IMPORT_LIMITS } from './import-limits.js'
import { corruptEntry, inflateEntry } from './inflate-entry.js'
import { sharedStringCounter } from './shared-string-counter.js'
import type { ZipEntry, ZipPart } from './zip-directory.js'
import { entryData, readZipDirectory, writeZip } from './zip-directory.js'

/** The parts a sheet needs first, in this order; exceljs 4.4 can lose entries after the sheets (#2790). */
const WORKBOOK_PARTS = [
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/styles.xml',
  'xl/sharedStrings.xml',
]
const SHARED_STRINGS = 'xl/sharedStrings.xml'
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/

/** A shared-strings part with no strings, so exceljs never parks a sheet in a temp file. */
const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
)

/**
 * Checks every part of an XLSX file that the reader will unpack, before it does, and returns
 * the zip the reader gets: those parts only, in the order it needs them, each with a local
 * header built from the checked central directory.
 *
 * Each part is unpacked here as a stream and must come to exactly its declared size and CRC,
 * so the declared total (at most `IMPORT_LIMITS.unzippedBytes`) bounds what exceljs inflates;
 * shared strings are capped in bytes and in count; damaged data is refused before exceljs,
 * which hangs on it, sees it. Without a shared-strings part an empty one is added: exceljs
 * would otherwise write each sheet to a temp file first.
 */
export async function checkedXlsx(file: Buffer, deadline: ImportDeadline): Promise<Buffer> {
  const directory = readZipDirectory(file)
  if (!directory) throw ImportProblem.single('notXlsx', {})
  const read = directory.entries.filter(
    (entry) => WORKBOOK_PARTS.includes(entry.name) || WORKSHEET.test(entry.name),
  )
  const names = new Set<string>()
  for (const entry of read) {
    if (names.has(entry.name)) throw corruptEntry(entry.name, 'listed twice')
    names.add(entry.name)
  }
  // Without them exceljs parks every sheet in a temp file, kept on an error until the process exits.
  for (const part of ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']) {
    if (!names.has(part)) throw ImportProblem.single('notXlsx', {}, { detail: `no ${part}` })
  }
  const declared = read.reduce((sum, entry) => sum + entry.size, 0)
  if (declared > IMPORT_LIMITS.unzippedBytes) {
    throw ImportProblem.single(
      'xlsxTooLarge',
      {},
      { bytes: declared, maxBytes: IMPORT_LIMITS.unzippedBytes },
    )
  }
  const parts: ZipPart[] = []
  for (const entry of read) {
    const data = entryData(file, directory, entry)
    if (!data) throw corruptEntry(entry.name, 'local header does not match the directory')
    if (entry.name === SHARED_STRINGS) await checkSharedStrings(entry, data, deadline)
    else await inflateEntry(entry, data, deadline)
    parts.push({ entry, data })
  }
  if (!names.has(SHARED_STRINGS)) parts.push(storedPart(SHARED_STRINGS, EMPTY_SHARED_STRINGS))
  const rank = (name: string) => {
    const index = WORKBOOK_PARTS.indexOf(name)
    return index < 0 ? WORKBOOK_PARTS.length : index
  }
  parts.sort((a, b) => rank(a.entry.name) - rank(b.entry.name))
  return writeZip(parts)
}

async function checkSharedStrings(
  entry: ZipEntry,
  data: Buffer,
  deadline: ImportDeadline,
): Promise<void> {
  const maxBytes = IMPORT_LIMITS.sharedStringsBytes
  if (entry.size > maxBytes) {
    throw ImportProblem.single('sharedStringsTooLarge', {}, { bytes: entry.size, maxBytes })
  }
  const counter = sharedStringCounter()
  await inflateEntry(entry, data, deadline, (chunk) => {
    if (counter.add(chunk) > IMPORT_LIMITS.sharedStrings) {
      throw ImportProblem.single('tooManySharedStrings', {}, { max: IMPORT_LIMITS.sharedStrings })
    }
  })
}

function storedPart(name: string, data: Buffer): ZipPart {
  return {
    entry: {
      name,
      offset: 0,
      flags: 0,
      method: 0,
      crc32: crc32(data),
      compressedSize: data.length,
      size: data.length,
    },
    data,
  }
}
