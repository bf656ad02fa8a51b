import { describe, expect, it } from 'vitest'
import main from '../main.tsx?raw'

/** Every stylesheet, by its file name. */
const css: Record<string, string> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>('./*.css', { query: '?raw', import: 'default', eager: true }),
  ).map(([path, text]) => [path.slice(2), text]),
)
const read = (name: string) => css[name] ?? ''
const sheets = Object.keys(css)
const COLOUR_LITERAL = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(/gi

describe('stylesheets', () => {
  const tokens = new Set([...read('tokens.css').matchAll(/(--[a-z0-9-]+)\s*:/g)].map((m) => m[1]))

  it('write colours only in tokens.css', () => {
    const stray = sheets
      .filter((name) => name !== 'tokens.css')
      .flatMap((name) => (read(name).match(COLOUR_LITERAL) ?? []).map((hit) => `${name}: ${hit}`))
    expect(stray).toEqual([])
  })

  it('use only custom properties that tokens.css defines, or a fallback', () => {
    const undefinedTokens = sheets.flatMap((name) =>
      [...read(name).matchAll(/var\((--[a-z0-9-]+)\s*([,)])/g)]
        .filter(([, token, next]) => next === ')' && !tokens.has(token!))
        .map(([, token]) => `${name}: ${token}`),
    )
    expect(undefinedTokens).toEqual([])
  })

  it('are each loaded by main.tsx, tokens first', () => {
    const loaded = [...main.matchAll(/import '\.\/styles\/([a-z0-9-]+\.css)'/g)].map((m) => m[1])
    expect(loaded[0]).toBe('tokens.css')
    expect([...loaded].sort()).toEqual([...sheets].sort())
  })
})
