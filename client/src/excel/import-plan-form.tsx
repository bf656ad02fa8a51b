import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanRecord } from '@tandem/shared'
import { useFormatters } from '../i18n/use-formatters.js'
import { importPlan, TEMPLATE_URL } from './excel-api.js'
import { UploadError } from './upload-error.js'
import type { UploadFailure } from './upload-file.js'
import { isUploadFailure, NETWORK_FAILURE } from './upload-file.js'
import { UploadProgress } from './upload-progress.js'

/** Creates a plan from an XLSX or CSV file in the documented layout, with upload progress. */
export function ImportPlanForm({ onCreated }: { onCreated: (plan: PlanRecord) => void }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const [name, setName] = useState('')
  const [file, setFile] = useState<File>()
  const [fraction, setFraction] = useState<number>()
  const [failure, setFailure] = useState<UploadFailure>()
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    if (!file) return
    setFailure(undefined)
    setFraction(0)
    importPlan(file, name.trim(), setFraction).then(onCreated, (error: unknown) => {
      setFraction(undefined)
      setFailure(isUploadFailure(error) ? error : NETWORK_FAILURE)
    })
  }
  return (
    <form className="card create-plan" onSubmit={submit} data-testid="import-plan">
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
          onChange={(event) => setFile(event.target.files?.[0])}
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
  )
}
