import type { ImportPlace } from '@tandem/shared'
import { unescapeFormulaText } from './formula-text.js'
import { issueAt } from './import-issue.js'
import type { IssueList } from './import-issue.js'
import { sheetNumber } from './sheet-number.js'
import type { SheetTable } from './sheet-table.js'

/** The keys of the Settings sheet, in the order exports write them. */
export const SETTING_KEYS = ['name', 'unit', 'decimals', 'maxValue', 'frozenThrough'] as const

export type SettingKey = (typeof SETTING_KEYS)[number]

/** A setting's value and the cell it came from, for errors. */
export interface SettingValue<T> {
  value: T
  place: ImportPlace
}

/** The plan settings a file gives; `frozenThrough` is a period label or an index. */
export interface PlanSettings {
  name?: SettingValue<string>
  unit?: SettingValue<string>
  decimals?: SettingValue<number>
  maxValue?: SettingValue<number>
  frozenThrough?: SettingValue<string>
}

const ALIASES: Record<string, SettingKey> = {
  name: 'name',
  名称: 'name',
  unit: 'unit',
  单位: 'unit',
  decimals: 'decimals',
  小数位: 'decimals',
  maxvalue: 'maxValue',
  'max value': 'maxValue',
  最大值: 'maxValue',
  frozenthrough: 'frozenThrough',
  'frozen through': 'frozenThrough',
  冻结至: 'frozenThrough',
}

/**
 * Reads the Settings sheet: one `key | value` pair per row (a `Key | Value` header is
 * allowed). Unknown keys and values of the wrong kind are reported, naming the cell.
 */
export function parseSettingsSheet(table: SheetTable, issues: IssueList): PlanSettings {
  const settings: PlanSettings = {}
  const sheet = table.name
  for (const { row, cells } of table.rows) {
    const keyText = String(cells[0] ?? '').trim()
    const lower = keyText.toLowerCase()
    if (lower === 'key' || lower === 'setting' || keyText === '') continue
    const key = ALIASES[lower]
    if (!key) {
      const known = SETTING_KEYS.join(', ')
      issues.add(issueAt('unknownSetting', { sheet, row, column: 1 }, { key: keyText, known }))
      continue
    }
    const place = { sheet, row, column: 2, field: key }
    const raw = cells[1] ?? null
    const text = raw === null ? '' : unescapeFormulaText(String(raw)).trim()
    if (key === 'decimals' || key === 'maxValue') {
      const value = sheetNumber(raw)
      if (value === undefined) continue
      const limit = key === 'decimals' ? 6 : Number.MAX_SAFE_INTEGER
      if (!Number.isInteger(value) || value < 0 || value > limit) {
        const params = { key, max: limit, value: String(raw) }
        issues.add(issueAt('settingNotWholeNumber', place, params))
        continue
      }
      settings[key] = { value, place }
    } else if (text) settings[key] = { value: text, place }
  }
  return settings
}
