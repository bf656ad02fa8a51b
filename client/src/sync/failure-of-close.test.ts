import { describe, expect, it } from 'vitest'
import { CLOSE_CODES, isTerminalCloseCode } from '@tandem/shared'
import en from '../i18n/en.json'
import zhCN from '../i18n/zh-CN.json'
import { failureOfClose } from './failure-of-close.js'

const LOCALES = { en, 'zh-CN': zhCN }

describe('why a plan cannot be shown after a terminal close', () => {
  it('says in every locale why, for every code that stops reconnecting', () => {
    const terminal = Object.values(CLOSE_CODES).filter(isTerminalCloseCode)
    for (const [language, locale] of Object.entries(LOCALES)) {
      const sentences = locale.board.failure as Record<string, string>
      const missing = terminal
        .map((code) => failureOfClose(code, true))
        .filter((failure) => !sentences[failure])
      expect(missing, language).toEqual([])
    }
  })

  it('tells a refusal for too many sockets apart from a lack of access', () => {
    expect(failureOfClose(CLOSE_CODES.tooManySockets, false)).toBe('tooManySockets')
    expect(failureOfClose(CLOSE_CODES.forbidden, false)).toBe('forbidden')
    expect(en.board.failure.tooManySockets).toMatch(/too many tabs/)
    expect(zhCN.board.failure.tooManySockets).toMatch(/标签页/)
  })

  it('tells a socket closed for sending far over its budget apart from a lack of access', () => {
    expect(failureOfClose(CLOSE_CODES.overBudget, true)).toBe('overBudget')
    expect(en.board.failure.overBudget).toMatch(/reload this page/)
    expect(zhCN.board.failure.overBudget).toMatch(/重新加载/)
  })
})
