import { describe, expect, it } from 'vitest'

/** Every source file of the client, by its path below src/ (`./board/plan-grid.tsx`). */
const sources: Record<string, string> = import.meta.glob(['./**/*.ts', './**/*.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
})

const files = Object.entries(sources).map(([path, text]) => ({
  folder: path.split('/')[1]!,
  path: path.slice(2),
  text,
}))

describe("the client's folders", () => {
  it('never import each other in pairs', () => {
    expect(files.length).toBeGreaterThan(100)
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
