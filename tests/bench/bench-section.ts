import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const BENCHMARKS = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url))

/**
 * Writes one scenario's results into docs/benchmarks.md between its markers,
 * `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`, appending the section when the file has none,
 * so a scenario run on its own updates its section and leaves every other one as it was.
 */
export async function writeBenchSection(name: string, markdown: string): Promise<string> {
  const begin = `<!-- bench:${name} -->`
  const end = `<!-- /bench:${name} -->`
  const text = await readFile(BENCHMARKS, 'utf8').catch(() => '# Benchmarks\n')
  const block = `${begin}\n${markdown.trim()}\n${end}`
  const from = text.indexOf(begin)
  const to = text.indexOf(end)
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`
  await writeFile(BENCHMARKS, next)
  return BENCHMARKS
}

/** The sections a full run must keep when it rewrites the file: every marked block in it. */
export async function keptBenchSections(): Promise<string> {
  const text = await readFile(BENCHMARKS, 'utf8').catch(() => '')
  const blocks = text.match(/<!-- bench:([\w-]+) -->[\s\S]*?<!-- \/bench:\1 -->/g) ?? []
  return blocks.join('\n\n')
}
