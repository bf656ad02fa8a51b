import { readFile } from 'node:fs/promises'

/** One M3 series: its training part and the hold-out the forecast is scored on. */
export interface M3Series {
  id: string
  category: string
  train: number[]
  test: number[]
}

/** Where the M3 monthly data lives: `../shared/data/` next to the repository. */
export const M3_MONTHLY_FILE = new URL('../../../shared/data/m3-monthly.csv', import.meta.url)

/** Reads m3-monthly.csv (format in its README): one row per series, values space-separated. */
export async function readM3Monthly(file: URL = M3_MONTHLY_FILE): Promise<M3Series[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(
      `forecast bench: cannot read the M3 monthly data at ${file.pathname} (${reason}); ` +
        'it is expected in ../shared/data/m3-monthly.csv beside the repository',
    )
  }
  const [head, ...rows] = text.trim().split(/\r?\n/)
  const columns = head.split(',')
  const at = (name: string) => columns.indexOf(name)
  return rows.map((row) => {
    const cells = row.split(',')
    const values = cells[at('values')].trim().split(/\s+/).map(Number)
    const horizon = Number(cells[at('horizon')])
    return {
      id: cells[at('series')],
      category: cells[at('category')],
      train: values.slice(0, values.length - horizon),
      test: values.slice(values.length - horizon),
    }
  })
}
