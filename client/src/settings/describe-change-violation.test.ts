import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import type { PlanMeta, RuleViolation } from '@tandem/shared'
import { createPlanDoc, demoPlan } from '@tandem/shared'
import { describeViolation } from '../plan-view/describe-violation.js'
import en from '../i18n/en.json'
import zhCN from '../i18n/zh-CN.json'
import { makeFormatters } from '../i18n/use-formatters.js'
import { describeChangeViolation } from './describe-change-violation.js'

const meta: PlanMeta = createPlanDoc(demoPlan({ skuCount: 2, periodCount: 4 })).readMeta()

/** Every key path of a locale object, such as `settings.field.name`. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, inner]) =>
    keys(inner, prefix ? `${prefix}.${key}` : key),
  )
}

describe('settings and master data refusals in the UI language', () => {
  beforeAll(async () => {
    await i18next.init({
      resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
      lng: 'en',
      fallbackLng: false,
      interpolation: { escapeValue: false },
    })
  })

  it('has every settings, master data, mapping, blank plan and demo string in both locales', () => {
    const sections = [
      en.settings,
      en.masterData,
      en.importMapping,
      en.landing.blank,
      en.signIn.demo,
    ]
    const zhSections = [
      zhCN.settings,
      zhCN.masterData,
      zhCN.importMapping,
      zhCN.landing.blank,
      zhCN.signIn.demo,
    ]
    sections.forEach((section, i) => {
      const english = keys(section).map((key) => key.replace(/_(one|other)$/, ''))
      const chinese = new Set(keys(zhSections[i]).map((key) => key.replace(/_(one|other)$/, '')))
      expect(english.filter((key) => !chinese.has(key))).toEqual([])
    })
  })

  it('names the field and the reason of a negative safety stock, in English and Chinese', () => {
    const violation: RuleViolation = {
      code: 'outOfRange',
      reason: 'SKU-1 safetyStock must not be negative (got -5)',
      place: { root: 'items', key: 'SKU-1', field: 'safetyStock' },
    }
    const naming = (language: string) => ({
      t: i18next.getFixedT(language),
      format: makeFormatters(language, 0, (week) => `W${week}`),
      meta,
    })
    expect(describeChangeViolation(naming('en'), violation, -5)).toBe(
      'Safety stock of SKU-1 must not be negative (got -5).',
    )
    expect(describeChangeViolation(naming('zh-CN'), violation, -5)).toBe(
      'SKU-1 的安全库存不能为负数（输入的是 -5）。',
    )
  })

  it("turns the server's refusal of a sales user's settings write into a notice naming the setting", () => {
    const t = i18next.getFixedT('en')
    const format = makeFormatters('en', 0, (week) => `W${week}`)
    const text = describeViolation(
      { t, format, meta, role: 'sales' },
      'forbiddenRole',
      { root: 'meta', field: 'frozenThrough' },
      'A sales may not change meta',
    )
    expect(text).toBe('As Sales you may not change Frozen through.')
  })
})
