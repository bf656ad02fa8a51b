import type { AccuracyReport, StageFigures } from '@tandem/shared'
import type { SheetCell } from '../excel/sheet-table.js'
import type { SheetOut } from '../excel/sheet-out.js'

/** The languages an Accuracy workbook is written in. */
export const ACCURACY_LOCALES = ['en', 'zh-CN'] as const
export type AccuracyLocale = (typeof ACCURACY_LOCALES)[number]

const WORDS = {
  en: {
    measures: 'Measures',
    trend: 'Trend',
    families: 'FVA by family',
    skus: 'FVA by SKU',
    person: 'FVA by person',
    reason: 'FVA by reason',
    harmful: 'Overrides hurt most',
    offenders: 'Worst offenders',
    attainment: 'Plan attainment',
    stage: 'Stage',
    wmape: 'WMAPE %',
    bias: 'Bias %',
    ts: 'Tracking signal',
    mase: 'MASE',
    added: 'Value added (WMAPE points)',
    period: 'Period',
    start: 'Start',
    key: 'Key',
    name: 'Name',
    overrides: 'Overrides',
    improved: 'Improved %',
    units: 'Value added (units)',
    sku: 'SKU',
    family: 'Family',
    site: 'Site',
    actual: 'Actual',
    forecast: 'Forecast',
    error: 'Absolute error',
    planned: 'Planned',
    met: 'Met',
    attained: 'Attainment %',
    total: 'Total',
    noData: 'no data',
    unknown: 'unknown',
    none: 'none',
    stages: {
      naive: 'Naive',
      statistical: 'Statistical',
      salesSubmission: 'Sales submission',
      consensus: 'Consensus',
    },
    reasons: {
      promotion: 'Promotion',
      newCustomer: 'New customer',
      lostCustomer: 'Lost customer',
      priceChange: 'Price change',
      marketIntelligence: 'Market intelligence',
      other: 'Other',
    } as Record<string, string>,
  },
  'zh-CN': {
    measures: '指标',
    trend: '趋势',
    families: '按产品族的预测增值',
    skus: '按物料的预测增值',
    person: '按人员的预测增值',
    reason: '按原因的预测增值',
    harmful: '调整损害最大的物料',
    offenders: '误差最大的物料',
    attainment: '计划达成率',
    stage: '阶段',
    wmape: 'WMAPE %',
    bias: '偏差 %',
    ts: '跟踪信号',
    mase: 'MASE',
    added: '增值（WMAPE 百分点）',
    period: '期间',
    start: '开始日期',
    key: '键',
    name: '名称',
    overrides: '调整次数',
    improved: '改进比例 %',
    units: '增值（数量）',
    sku: '物料',
    family: '产品族',
    site: '工厂',
    actual: '实际',
    forecast: '预测',
    error: '绝对误差',
    planned: '计划',
    met: '达成',
    attained: '达成率 %',
    total: '合计',
    noData: '无数据',
    unknown: '未知',
    none: '无',
    stages: {
      naive: '朴素预测',
      statistical: '统计预测',
      salesSubmission: '销售提交',
      consensus: '共识计划',
    },
    reasons: {
      promotion: '促销',
      newCustomer: '新客户',
      lostCustomer: '客户流失',
      priceChange: '价格调整',
      marketIntelligence: '市场情报',
      other: '其他',
    } as Record<string, string>,
  },
} as const

/** Excel number formats: the file holds the code, Excel shows the reader's separators. */
const PERCENT = '0.0%'
const DECIMAL = '0.00'
const UNITS = '#,##0'
const COUNT = '0'
/** Each locale's medium date, as `Intl.DateTimeFormat(locale, { dateStyle: 'medium' })` writes it. */
const DATE: Record<AccuracyLocale, string> = { en: 'mmm d, yyyy', 'zh-CN': 'yyyy"年"m"月"d"日"' }

/** Days since 1899-12-30: how a spreadsheet stores a date. */
const serialDate = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000 + 25_569

/**
 * Everything the Accuracy panel shows, one sheet per table, headers in the user's language.
 * Numbers carry number formats: percentages are fractions (0.123) shown as 12.3 %, rounded to
 * 0.1 %; units with thousands separators; dates are dates, shown as the locale writes them.
 * "No data" is written as the word, never as 0.
 */
export function accuracyWorkbook(report: AccuracyReport, locale: AccuracyLocale): SheetOut[] {
  const w = WORDS[locale]
  const pct = (value: number | null | undefined): SheetCell =>
    value === null || value === undefined ? w.noData : Math.round(value * 1000) / 1000
  const num = (value: number | null | undefined, digits = 2): SheetCell =>
    value === null || value === undefined ? w.noData : Number(value.toFixed(digits))
  const stageRow = (s: StageFigures): SheetCell[] => [
    w.stages[s.stage],
    pct(s.measures?.wmape),
    pct(s.measures?.bias),
    num(s.measures?.trackingSignal),
    num(s.measures?.mase),
    num(s.valueAdded),
  ]
  const stageHead = [w.stage, w.wmape, w.bias, w.ts, w.mase, w.added]
  const stageFormats = [null, PERCENT, PERCENT, DECIMAL, DECIMAL, DECIMAL]
  const overrideFormats = [null, COUNT, PERCENT, UNITS, DECIMAL]
  const groups = (rows: AccuracyReport['families']) =>
    rows.flatMap((g) => g.stages.map((s) => [g.key, g.name, ...stageRow(s)]))
  const overrideRows = (rows: AccuracyReport['byPerson'], reasons: boolean) =>
    rows.map((r) => [
      reasons ? (w.reasons[r.key] ?? (r.key || w.none)) : r.name || w.unknown,
      r.overrides,
      pct(r.improvedShare),
      r.valueAddedUnits,
      num(r.valueAddedPoints),
    ])
  const overrideHead = (first: string) => [first, w.overrides, w.improved, w.units, w.added]
  const attainment = (rows: AccuracyReport['attainment']['sites']) =>
    rows.map((r) => [r.key || w.total, r.site, r.planned, r.met, pct(r.attainment)])
  return [
    {
      name: w.measures,
      rows: [stageHead, ...report.stages.map(stageRow)],
      widths: [20, 10, 10, 14, 8, 24],
      formats: stageFormats,
    },
    {
      name: w.trend,
      rows: [
        [w.period, w.start, ...stageHead],
        ...report.trend.flatMap((p) =>
          p.stages.map((s) => [p.periodKey, serialDate(p.start), ...stageRow(s)]),
        ),
      ],
      widths: [10, 14, 20, 10, 10, 14, 8, 24],
      formats: [null, DATE[locale], ...stageFormats],
    },
    {
      name: w.families,
      rows: [[w.key, w.name, ...stageHead], ...groups(report.families)],
      formats: [null, null, ...stageFormats],
    },
    {
      name: w.skus,
      rows: [[w.key, w.name, ...stageHead], ...groups(report.skus)],
      formats: [null, null, ...stageFormats],
    },
    {
      name: w.person,
      rows: [overrideHead(w.name), ...overrideRows(report.byPerson, false)],
      formats: overrideFormats,
    },
    {
      name: w.reason,
      rows: [overrideHead(w.key), ...overrideRows(report.byReason, true)],
      formats: overrideFormats,
    },
    {
      name: w.harmful,
      rows: [
        [w.sku, w.name, w.family, w.site, w.overrides, w.units],
        ...report.harmful.map((r) => [
          r.sku,
          r.name,
          r.family,
          r.site,
          r.overrides,
          r.valueAddedUnits,
        ]),
      ],
      formats: [null, null, null, null, COUNT, UNITS],
    },
    {
      name: w.offenders,
      rows: [
        [w.sku, w.name, w.family, w.site, w.actual, w.forecast, w.error, w.wmape, w.bias],
        ...report.offenders.map((r) => [
          r.sku,
          r.name,
          r.family,
          r.site,
          r.actualTotal,
          r.forecastTotal,
          r.absoluteError,
          pct(r.wmape),
          pct(r.bias),
        ]),
      ],
      formats: [null, null, null, null, UNITS, UNITS, UNITS, PERCENT, PERCENT],
    },
    {
      name: w.attainment,
      rows: [
        [w.key, w.site, w.planned, w.met, w.attained],
        ...attainment([report.attainment.total]),
        ...attainment(report.attainment.sites),
        ...attainment(report.attainment.resources),
      ],
      formats: [null, null, UNITS, UNITS, PERCENT],
    },
  ]
}
