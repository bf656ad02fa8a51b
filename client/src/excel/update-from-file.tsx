import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ColumnMapping, ImportHeader, ImportPreviewBody, PlanMeta } from '@tandem/shared'
import type { OwnServerChange } from '../conflicts/conflict-tracker.js'
import type { Notify } from '../notices/use-notices.js'
import type { Formatters } from '../i18n/use-formatters.js'
import { ColumnMappingStep } from './column-mapping-step.js'
import { applyImport, previewImport } from './excel-api.js'
import { UploadError } from './upload-error.js'
import type { UploadFailure } from './upload-file.js'
import { isUploadFailure, NETWORK_FAILURE } from './upload-file.js'
import { UploadProgress } from './upload-progress.js'

interface UpdateFromFileProps {
  planId: string
  meta: PlanMeta
  format: Formatters
  notify: Notify
  /** The apply runs through it: the writes it brings are mine, not a colleague's. */
  ownChange: OwnServerChange
}

type Step =
  | { kind: 'choose' }
  | { kind: 'sending'; fraction: number }
  | { kind: 'preview'; file: File; preview: ImportPreviewBody; mapping?: ColumnMapping }
  | {
      kind: 'failed'
      failure: UploadFailure
      /** Set when the file's header was not understood: the column-mapping step. */
      retry?: { file: File; header: ImportHeader; mapping?: ColumnMapping }
    }

/**
 * Updates demand and supply from a file: a preview of every change, then one apply. A file
 * whose header does not follow the documented layout gets the column-mapping step first; the
 * preview and the apply then read it with that mapping.
 */
export function UpdateFromFile({ planId, meta, format, notify, ownChange }: UpdateFromFileProps) {
  const { t } = useTranslation()
  const [step, setStep] = useState<Step>({ kind: 'choose' })
  const progress = (fraction: number) => setStep({ kind: 'sending', fraction })
  const fail = (error: unknown, file?: File, mapping?: ColumnMapping) => {
    const failure = isUploadFailure(error) ? error : NETWORK_FAILURE
    const retry = file && failure.header ? { file, header: failure.header, mapping } : undefined
    setStep({ kind: 'failed', failure, retry })
  }
  const choose = (file: File | undefined, mapping?: ColumnMapping) => {
    if (!file) return
    progress(0)
    previewImport(planId, file, progress, mapping).then(
      (preview) => setStep({ kind: 'preview', file, preview, mapping }),
      (error: unknown) => fail(error, file, mapping),
    )
  }
  const apply = (file: File, mapping: ColumnMapping | undefined) => {
    progress(0)
    ownChange(() => applyImport(planId, file, progress, mapping)).then(
      (result) => {
        notify(t('versions.excel.applied', { count: result.appliedCells }), 'info')
        setStep({ kind: 'choose' })
      },
      (error: unknown) => fail(error, file, mapping),
    )
  }
  const period = (index: number) => format.period(meta.periodKind, meta.firstPeriod, index)
  return (
    <div className="update-from-file" data-testid="update-from-file">
      <label className="field">
        <span>{t('versions.excel.updateFile')}</span>
        <input
          type="file"
          accept=".xlsx,.csv"
          data-testid="update-file"
          onChange={(event) => {
            choose(event.target.files?.[0])
            event.target.value = ''
          }}
        />
      </label>
      {step.kind === 'sending' && <UploadProgress fraction={step.fraction} format={format} />}
      {step.kind === 'failed' && <UploadError failure={step.failure} />}
      {step.kind === 'failed' && step.retry && (
        <ColumnMappingStep
          key={JSON.stringify(step.retry.header)}
          header={step.retry.header}
          previous={step.retry.mapping}
          busy={false}
          onApply={(mapping) => choose(step.retry?.file, mapping)}
        />
      )}
      {step.kind === 'preview' && (
        <div className="import-preview" data-testid="import-preview">
          {step.preview.errorCount > 0 ? (
            <UploadError
              failure={{
                status: 200,
                code: 'invalidPlan',
                errors: step.preview.errors,
                errorCount: step.preview.errorCount,
              }}
            />
          ) : (
            <p>{t('versions.excel.willChange', { count: step.preview.changedCells })}</p>
          )}
          {step.preview.cells.length > 0 && (
            <table className="compare-totals">
              <thead>
                <tr>
                  <th>{t('versions.excel.row')}</th>
                  <th>{t('versions.compare.measure')}</th>
                  <th>{t('versions.excel.period')}</th>
                  <th className="number">{t('versions.compare.from')}</th>
                  <th className="number">{t('versions.compare.to')}</th>
                </tr>
              </thead>
              <tbody>
                {step.preview.cells.map((cell) => (
                  <tr key={`${cell.measure}:${cell.key}:${cell.period}`}>
                    <td>{cell.key}</td>
                    <td>{t(`measure.${cell.measure}`)}</td>
                    <td>{period(cell.period)}</td>
                    <td className="number">{format.number(cell.from)}</td>
                    <td className="number">{format.number(cell.to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setStep({ kind: 'choose' })}>
              {t('versions.cancel')}
            </button>
            <button
              type="button"
              className="button primary"
              data-testid="apply-import"
              disabled={
                step.preview.errorCount > 0 ||
                step.preview.changedCells + (step.preview.changedActuals ?? 0) === 0
              }
              onClick={() => apply(step.file, step.mapping)}
            >
              {t('versions.excel.apply', { count: step.preview.changedCells })}
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
