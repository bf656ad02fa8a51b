import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ImportIssue } from '@tandem/shared'
import { IMPORT_ISSUE_CODES } from '@tandem/shared'
import en from '../i18n/en.json'
import zhCN from '../i18n/zh-CN.json'
import { importPlaceText, importReasonText } from './describe-import-issue.js'

const LOCALES = { en, 'zh-CN': zhCN }

describe('import issues in the UI language', () => {
  beforeAll(async () => {
    await i18next.init({
      resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
      lng: 'en',
      fallbackLng: false,
      interpolation: { escapeValue: false },
    })
  })

  it('has a sentence for every issue code in every locale', () => {
    for (const [language, locale] of Object.entries(LOCALES)) {
      const sentences = locale.importIssue as Record<string, string>
      const missing = Object.keys(IMPORT_ISSUE_CODES).filter((code) => !sentences[code])
      expect(missing, language).toEqual([])
      const unknown = Object.keys(sentences).filter(
        (key) => !(key.replace(/_capacity$/, '') in IMPORT_ISSUE_CODES),
      )
      expect(unknown, language).toEqual([])
    }
  })

  it('names the sheet, row, column and reason of a bad demand cell in Chinese', () => {
    const t = i18next.getFixedT('zh-CN')
    const issue: ImportIssue = {
      code: 'notANumber',
      place: { sheet: 'Plan', row: 4, column: 12, field: '2026-W50' },
      params: { header: '2026-W50', value: 'lots' },
    }
    expect(importPlaceText(t, issue.place)).toBe('工作表 Plan，第 4 行，第 L 列')
    expect(importReasonText(t, issue)).toBe('2026-W50必须是数字，而不是“lots”。')
    const stock = { ...issue, place: { ...issue.place, field: 'openingStock' } }
    expect(importReasonText(t, stock)).toBe('期初库存必须是数字，而不是“lots”。')
  })

  it('translates measures and roles, and says resource for capacity rows', () => {
    const t = i18next.getFixedT('en')
    const cell = { measure: 'supply', key: 'SKU-1', period: '2026-W49', periodIndex: 0 }
    const refused: ImportIssue = {
      code: 'forbiddenRole',
      place: { sheet: 'Plan', row: 3, column: 11 },
      params: { ...cell, role: 'sales' },
    }
    expect(importReasonText(t, refused)).toBe(
      'As Sales you may not change Supply plan of SKU-1, 2026-W49.',
    )
    const empty: ImportIssue = { code: 'emptyKey', place: {}, params: { measure: 'capacity' } }
    expect(importReasonText(t, empty)).toBe('The resource id is empty.')
    expect(importPlaceText(t, {})).toBeUndefined()
    expect(importPlaceText(t, { sheet: 'Plan' })).toBe('Sheet Plan')
  })
})
