/** The opening of a shared string, `<si>`, `<si/>` or `<si attr…>`. */
const OPENING = /<si[\s>/]/g

/**
 * Counts shared strings in unpacked `sharedStrings.xml` as it streams past, chunk by chunk
 * (an opening split between two chunks is counted once). Returns the running count.
 */
export function sharedStringCounter(): { add(chunk: Buffer): number } {
  let tail = ''
  let count = 0
  return {
    add(chunk) {
      const text = tail + chunk.toString('latin1')
      count += text.match(OPENING)?.length ?? 0
      tail = text.slice(-3)
      return count
    },
  }
}
