import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { AccuracyFigures, AccuracyReport, StageFigures } from '@tandem/shared'
import { ACCURACY_STAGES } from '@tandem/shared'
import { writeXlsx } from '../excel/write-xlsx.js'
import { accuracyWorkbook } from './accuracy-workbook.js'

const figures = (wmape: number, bias: number): AccuracyFigures => ({
  count: 4,
  actualTotal: 12_345,
  forecastTotal: 13_000,
  absoluteError: 1_520,
  wmape,
  bias,
  mad: 380,
  trackingSignal: -1.72345,
  biased: false,
  mase: 0.81234,
})
const stages: StageFigures[] = ACCURACY_STAGES.map((stage, s) => ({
  stage,
  measures: s === 2 ? null : figures(0.1234 - s / 100, 0.0456),
  valueAdded: s === 0 ? null : 1.23456,
}))
const report: AccuracyReport = {
  planId: 'p',
  lag: 1,
  maxLag: 12,
  family: null,
  site: null,
  sku: null,
  periodKind: 'week',
  window: { first: -2, last: -1, firstKey: '2026-W47', lastKey: '2026-W48' },
  snapshots: { salesSubmission: 1, consensus: 1 },
  skuCount: 1,
  stages,
  trend: [{ period: -1, periodKey: '2026-W48', start: '2026-11-23', stages }],
  families: [{ key: 'F', name: 'F', stages }],
  skus: [{ key: 'A', name: 'Alpha', stages }],
  byPerson: [
    {
      key: 'u',
      name: 'Sam',
      overrides: 3,
      improved: 1,
      improvedShare: 1 / 3,
      valueAddedUnits: -1_250,
      valueAddedPoints: -2.5,
    },
  ],
  byReason: [],
  harmful: [
    { sku: 'A', name: 'Alpha', family: 'F', site: 'S', overrides: 3, valueAddedUnits: -1_250 },
  ],
  offenders: [
    {
      sku: 'A',
      name: 'Alpha',
      family: 'F',
      site: 'S',
      actualTotal: 12_345,
      forecastTotal: 13_000,
      absoluteError: 1_520,
      wmape: 0.1231,
      bias: null,
    },
  ],
  attainment: {
    total: { key: '', site: '', planned: 10_000, met: 9_300, attainment: 0.93 },
    sites: [],
    resources: [],
  },
  computedAt: '2026-12-03T00:00:00Z',
}

async function reread(locale: 'en' | 'zh-CN') {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await writeXlsx(accuracyWorkbook(report, locale)))
  return workbook
}

describe('accuracyWorkbook number formats', () => {
  it('writes percentages as fractions shown as percent, units with separators, dates as dates', async () => {
    const workbook = await reread('en')
    const measures = workbook.getWorksheet('Measures')!
    const consensus = measures.getRow(5)
    expect(consensus.getCell(2).value).toBe(0.093)
    expect(consensus.getCell(2).numFmt).toBe('0.0%')
    expect(consensus.getCell(3).numFmt).toBe('0.0%')
    expect(consensus.getCell(4).value).toBe(-1.72)
    expect(consensus.getCell(4).numFmt).toBe('0.00')
    // "no data" stays a word, with no format
    expect(measures.getRow(4).getCell(2).value).toBe('no data')
    expect(measures.getRow(1).getCell(2).numFmt).toBeUndefined()
    const trend = workbook.getWorksheet('Trend')!.getRow(2).getCell(2)
    expect(trend.numFmt).toBe('mmm d, yyyy')
    expect(trend.value).toEqual(new Date('2026-11-23T00:00:00Z'))
    const offender = workbook.getWorksheet('Worst offenders')!.getRow(2)
    expect(offender.getCell(5).value).toBe(12_345)
    expect(offender.getCell(5).numFmt).toBe('#,##0')
    expect(offender.getCell(8).numFmt).toBe('0.0%')
    expect(offender.getCell(9).value).toBe('no data')
    const person = workbook.getWorksheet('FVA by person')!.getRow(2)
    expect(person.getCell(2).numFmt).toBe('0')
    expect(person.getCell(3).value).toBe(0.333)
    expect(person.getCell(3).numFmt).toBe('0.0%')
    expect(person.getCell(4).numFmt).toBe('#,##0')
    const total = workbook.getWorksheet('Plan attainment')!.getRow(2)
    expect(total.getCell(5).value).toBe(0.93)
    expect(total.getCell(5).numFmt).toBe('0.0%')
  })

  it('writes dates the Chinese way in zh-CN', async () => {
    const workbook = await reread('zh-CN')
    const trend = workbook.getWorksheet('趋势')!.getRow(2).getCell(2)
    expect(trend.numFmt).toBe('yyyy"年"m"月"d"日"')
    expect(trend.value).toEqual(new Date('2026-11-23T00:00:00Z'))
    expect(workbook.getWorksheet('指标')!.getRow(2).getCell(2).numFmt).toBe('0.0%')
  })
})
