import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('./', import.meta.url))

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

const files = sources(root).map((path) => ({
  folder: relative(root, path).split('/')[0]!,
  path: relative(root, path),
  text: readFileSync(path, 'utf8'),
}))

describe("the client's folders", () => {
  it('never import each other in pairs', () => {
    const edges = new Set<string>()
    for (const { folder, text } of files)
      for (const [, other] of text.matchAll(/from '\.\.\/([a-z-]+)\//g))
        if (other !== folder) edges.add(`${folder} → ${other}`)
    const pairs = [...edges].filter((edge) => {
      const [from, to] = edge.split(' → ')
      return from! < to! && edges.has(`${to} → ${from}`)
    })
    expect(pairs).toEqual([])
  })

  it('write presence only in presence/', () => {
    const writers = files
      .filter(({ folder, path }) => folder !== 'presence' && !path.endsWith('.test.ts'))
      .filter(({ text }) => /\.setLocalState(Field)?\(/.test(text))
      .map(({ path }) => path)
    expect(writers).toEqual([])
  })
})
