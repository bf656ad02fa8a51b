import { describe, expect, it } from 'vitest'
import { parsePeriodLabel } from './period-label.js'

describe('parsePeriodLabel', () => {
  it('reads ISO weeks, including the 53rd week of a long year', () => {
    expect(parsePeriodLabel('2026-W49')).toEqual({
      kind: 'week',
      start: '2026-11-30',
      key: '2026-W49',
    })
    expect(parsePeriodLabel(' 2027-w01 ')).toEqual({
      kind: 'week',
      start: '2027-01-04',
      key: '2027-W01',
    })
    expect(parsePeriodLabel('2026-W53')).toEqual({
      kind: 'week',
      start: '2026-12-28',
      key: '2026-W53',
    })
  })

  it.each([
    'W05 2026',
    'W5 2026',
    'w05-2026',
    '2026 W5',
    '2026W05',
    'W05/2026',
    'Week 5 2026',
    'Week 05, 2026',
    'wk 5 2026',
    '2026 Week 5',
    '2026-week 05',
    '2026年第5周',
    '2026年第05周',
    '2026年 第5周',
    '2026 第5周',
    '2026-第5周',
    '2026年第5週',
    '第5周 2026',
    '第05周 2026年',
    '第5周2026',
  ])('reads the week %s as 2026-W05', (text) =>
    expect(parsePeriodLabel(text)?.key).toBe('2026-W05'),
  )

  it.each([
    '2026-01',
    'Jan 2026',
    'January 2026',
    'jan. 2026',
    '2026 Jan',
    'Jan-2026',
    '2026年1月',
    '2026年01月',
    '2026年一月',
    '一月 2026',
    '1月 2026',
    '一月2026',
  ])('reads the month %s as 2026-01', (text) => {
    expect(parsePeriodLabel(text)).toMatchObject({ kind: 'month', key: '2026-01' })
  })

  it('reads 十二月 and December as month 12', () => {
    expect(parsePeriodLabel('2026年十二月')?.key).toBe('2026-12')
    expect(parsePeriodLabel('December 2026')?.key).toBe('2026-12')
  })

  it('reads a date as the ISO week it falls in, and the first of a month as that month', () => {
    expect(parsePeriodLabel('2026-01-28')).toEqual({
      kind: 'week',
      start: '2026-01-26',
      key: '2026-W05',
    })
    expect(parsePeriodLabel('2026/01/26')?.key).toBe('2026-W05')
    for (const text of ['2026年1月28日', '2026年01月26日', '2026 年 1 月 30 号', 'Jan 28, 2026'])
      expect(parsePeriodLabel(text), text).toMatchObject({ kind: 'week', key: '2026-W05' })
    for (const text of ['January 30 2026', '28 Jan 2026', '26 January, 2026'])
      expect(parsePeriodLabel(text), text).toMatchObject({ kind: 'week', key: '2026-W05' })
    expect(parsePeriodLabel('2026年6月1日')).toMatchObject({ kind: 'month', key: '2026-06' })
    expect(parsePeriodLabel('Jun 1, 2026')).toMatchObject({ kind: 'month', key: '2026-06' })
    const first = parsePeriodLabel('2026-06-01')
    expect(first).toMatchObject({ kind: 'month', key: '2026-06' })
    expect(first?.asWeek).toMatchObject({ kind: 'week', key: '2026-W23' })
  })

  it('refuses what is not a period', () => {
    for (const text of [
      '2025-W53',
      '2026-W00',
      '2026-13',
      '2026-02-30',
      'W49',
      'Dec',
      'Smarch 2026',
      '十三月 2026',
      '2026年13月',
      '2026年第54周',
      '第0周 2026',
      'Week 2026',
      '2026年2月30日',
      'Feb 30, 2026',
      'Smarch 3, 2026',
    ]) {
      expect(parsePeriodLabel(text), text).toBeUndefined()
    }
  })
})
