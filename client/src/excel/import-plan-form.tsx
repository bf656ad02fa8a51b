import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ColumnMapping, ImportHeader, PlanRecord } from '@tandem/shared'
import { useFormatters } from '../i18n/use-formatters.js'
import { importPlan, TEMPLATE_URL } from './excel-api.js'
import { ColumnMappingStep } from './column-mapping-step.js'
import { UploadError } from './upload-error.js'
import type { UploadFailure } from './upload-file.js'
import { isUploadFailure, NETWORK_FAILURE } from './upload-file.js'
import { UploadProgress } from './upload-progress.js'

/**
 * Creates a plan from an XLSX or CSV file, with upload progress. A file whose header does not
 * follow the documented layout gets the column-mapping step, and is sent again with its mapping.
 */
export function ImportPlanForm({ onCreated }: { onCreated: (plan: PlanRecord) => void }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const [name, setName] = useState('')
  const [file, setFile] = useState<File>()
  const [fraction, setFraction] = useState<number>()
  const [failure, setFailure] = useState<UploadFailure>()
  const [mapping, setMapping] = useState<ColumnMapping>()
  const [header, setHeader] = useState<ImportHeader>()
  const send = (chosen: ColumnMapping | undefined) => {
    if (!file) return
    setFailure(undefined)
    setFraction(0)
    setMapping(chosen)
    importPlan(file, name.trim(), setFraction, chosen).then(onCreated, (error: unknown) => {
      setFraction(undefined)
      const refused = isUploadFailure(error) ? error : NETWORK_FAILURE
      setFailure(refused)
      if (refused.header) setHeader(refused.header)
    })
  }
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    setHeader(undefined)
    send(undefined)
  }
  return (
    <div className="card create-plan" data-testid="import-plan">
      <form className="import-plan-form" onSubmit={submit}>
        <h2>{t('versions.excel.importTitle')}</h2>
        <p className="muted">
          {t('versions.excel.importIntro')}{' '}
          <a href={TEMPLATE_URL} download data-testid="template-link">
            {t('versions.excel.template')}
          </a>
        </p>
        <label className="field">
          <span>{t('landing.create.name')}</span>
          <input value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('versions.excel.file')}</span>
          <input
            type="file"
            accept=".xlsx,.csv"
            required
            data-testid="import-file"
            onChange={(event) => {
              setHeader(undefined)
              setFile(event.target.files?.[0])
            }}
          />
        </label>
        {fraction !== undefined && <UploadProgress fraction={fraction} format={format} />}
        {failure && <UploadError failure={failure} />}
        <button
          type="submit"
          className="button primary"
          disabled={!file || fraction !== undefined}
          data-testid="import-submit"
        >
          {t('versions.excel.importSubmit')}
        </button>
      </form>
      {header && (
        <ColumnMappingStep
          key={JSON.stringify(header)}
          header={header}
          previous={mapping}
          busy={fraction !== undefined}
          onApply={send}
        />
      )}
    </div>
  )
}
