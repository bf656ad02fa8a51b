import { readFile, writeFile } from 'node:fs/promises'

const START = '<!-- forecast bench: start -->'
const END = '<!-- forecast bench: end -->'

/** The forecast section of docs/benchmarks.md as it stands, or undefined. */
export async function readForecastSection(file: string): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '')
  const start = text.indexOf(START)
  const end = text.indexOf(END)
  return start >= 0 && end > start ? text.slice(start, end + END.length) : undefined
}

/** Wraps the forecast tables in the markers that let a forecast-only run replace them in place. */
export function forecastSection(body: string, date: Date): string {
  return `${START}\n## Forecast engine (\`--scenarios=forecast\`, ${date.toISOString()})\n\n${body}\n${END}`
}

/** Replaces (or appends) the forecast section, leaving the other scenarios' tables alone. */
export async function writeForecastSection(file: string, section: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => '')
  const start = text.indexOf(START)
  const end = text.indexOf(END)
  const next =
    start >= 0 && end > start
      ? text.slice(0, start) + section + text.slice(end + END.length)
      : `${text.trimEnd()}\n\n${section}\n`
  await writeFile(file, next)
}
