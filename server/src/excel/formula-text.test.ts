import { describe, expect, it } from 'vitest'
import { escapeFormulaText, unescapeFormulaText } from './formula-text.js'

describe('formula text escaping', () => {
  it('escapes text a spreadsheet could run, and only that', () => {
    for (const text of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(escapeFormulaText(text)).toBe(`'${text}`)
    }
    for (const text of ['Juice', "'quoted", '', '2026-W49', 'a=b']) {
      expect(escapeFormulaText(text)).toBe(text)
    }
  })

  it('round-trips every text exactly, quotes included', () => {
    for (const text of ['=1', "'=1", "''=1", "'abc", "'", '-', 'plain', '@']) {
      expect(unescapeFormulaText(escapeFormulaText(text))).toBe(text)
    }
  })
})
