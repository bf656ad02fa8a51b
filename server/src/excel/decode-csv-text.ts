/** The text encodings a CSV import is read in. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

/** A CSV file's text and the encoding it was read in. */
export interface DecodedCsv {
  text: string
  encoding: CsvEncoding
}

/**
 * Decodes a CSV file: a UTF-8 or UTF-16 byte-order mark names its encoding; without one, bytes
 * that are valid UTF-8 are UTF-8, and anything else is read as GB18030, the superset of the GBK
 * that Excel writes in a Chinese locale. Returns undefined when the bytes are none of these.
 */
export function decodeCsvText(file: Uint8Array): DecodedCsv | undefined {
  const [a, b, c] = file
  if (a === 0xef && b === 0xbb && c === 0xbf) return decode(file.subarray(3), 'utf-8')
  if (a === 0xff && b === 0xfe) return decode(file.subarray(2), 'utf-16le')
  if (a === 0xfe && b === 0xff) return decode(file.subarray(2), 'utf-16be')
  return decode(file, 'utf-8') ?? decode(file, 'gb18030')
}

function decode(bytes: Uint8Array, encoding: CsvEncoding): DecodedCsv | undefined {
  try {
    return {
      text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes),
      encoding,
    }
  } catch {
    return undefined
  }
}
