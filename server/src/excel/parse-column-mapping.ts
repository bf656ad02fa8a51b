import type { ColumnMapping, MappedColumn } from '@tandem/shared'
import { IMPORT_COLUMNS, isMeasure } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import { IMPORT_LIMITS } from './import-limits.js'

const MAPPED: readonly string[] = [...IMPORT_COLUMNS, 'period', 'ignore']

/** The `mapping` query parameter of an import (JSON), checked; throws naming what is wrong. */
export function parseColumnMapping(text: string | undefined): ColumnMapping {
  if (text === undefined || text === '') return {}
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new ApiProblem('badRequest', 'mapping must be JSON', 'mapping')
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ApiProblem('badRequest', 'mapping must be an object', 'mapping')
  const { headerRow, columns, measure, ...rest } = raw as Record<string, unknown>
  if (Object.keys(rest).length > 0)
    throw new ApiProblem(
      'badRequest',
      `mapping has unknown keys: ${Object.keys(rest).join(', ')}`,
      'mapping',
    )
  const mapping: ColumnMapping = {}
  if (headerRow !== undefined) {
    if (
      !Number.isInteger(headerRow) ||
      (headerRow as number) < 1 ||
      (headerRow as number) > IMPORT_LIMITS.rows
    )
      throw new ApiProblem(
        'badRequest',
        'mapping.headerRow must be a row number',
        'mapping.headerRow',
      )
    mapping.headerRow = headerRow as number
  }
  if (measure !== undefined) {
    if (!isMeasure(measure))
      throw new ApiProblem(
        'badRequest',
        'mapping.measure must be demand, supply or capacity',
        'mapping.measure',
      )
    mapping.measure = measure
  }
  if (columns !== undefined) {
    if (typeof columns !== 'object' || columns === null || Array.isArray(columns))
      throw new ApiProblem('badRequest', 'mapping.columns must be an object', 'mapping.columns')
    const entries = Object.entries(columns as Record<string, unknown>)
    if (entries.length > IMPORT_LIMITS.columns)
      throw new ApiProblem('badRequest', 'mapping.columns has too many entries', 'mapping.columns')
    mapping.columns = {}
    for (const [column, value] of entries) {
      if (!/^[1-9]\d{0,4}$/.test(column) || typeof value !== 'string' || !MAPPED.includes(value))
        throw new ApiProblem(
          'badRequest',
          `mapping.columns.${column} is not a column kind`,
          `mapping.columns.${column}`,
        )
      mapping.columns[column] = value as MappedColumn
    }
  }
  return mapping
}
