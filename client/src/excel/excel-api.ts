import type { ColumnMapping } from '@tandem/shared'
import type { ImportPreviewBody } from '@tandem/shared'
import type { PlanRecord } from '@tandem/shared'
import { uploadFile } from './upload-file.js'

const base = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`

export const TEMPLATE_URL = '/api/plans/import-template.xlsx'

export function importPlan(
  file: File,
  name: string,
  onProgress: (fraction: number) => void,
  mapping?: ColumnMapping,
): Promise<PlanRecord> {
  const params = new URLSearchParams()
  if (name) params.set('name', name)
  if (mapping) params.set('mapping', JSON.stringify(mapping))
  const query = params.toString() ? `?${params}` : ''
  return uploadFile<{ plan: PlanRecord }>(`/api/plans/import${query}`, file, onProgress).then(
    (answer) => answer.plan,
  )
}

/** `?mapping=` for a file read through the column-mapping step, or nothing. */
function mappingQuery(mapping: ColumnMapping | undefined): string {
  return mapping ? `?${new URLSearchParams({ mapping: JSON.stringify(mapping) })}` : ''
}

export function previewImport(
  planId: string,
  file: File,
  onProgress: (fraction: number) => void,
  mapping?: ColumnMapping,
): Promise<ImportPreviewBody> {
  return uploadFile<ImportPreviewBody>(
    `${base(planId)}/import/preview${mappingQuery(mapping)}`,
    file,
    onProgress,
  )
}

export function applyImport(
  planId: string,
  file: File,
  onProgress: (fraction: number) => void,
  mapping?: ColumnMapping,
): Promise<{ appliedCells: number }> {
  return uploadFile(`${base(planId)}/import/apply${mappingQuery(mapping)}`, file, onProgress)
}

/** Where the live plan (`live`) or a version downloads as XLSX or CSV. */
export function exportUrl(planId: string, format: 'xlsx' | 'csv', version = 'live'): string {
  return `${base(planId)}/export.${format}?${new URLSearchParams({ version })}`
}
