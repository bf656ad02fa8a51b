import { useTranslation } from 'react-i18next'
import { placeOfField } from './place-of-field.js'
import type { ImportIssue, UploadFailure } from './upload-file.js'

const SHOWN_ISSUES = 20

/** A refused file's problems, each led by the sheet, row and column it concerns. */
export function UploadError({ failure }: { failure: UploadFailure }) {
  const { t } = useTranslation()
  const issues: ImportIssue[] =
    failure.errors.length > 0
      ? failure.errors
      : [{ code: failure.code, message: failure.message, field: failure.field ?? '' }]
  const placeOf = (field: string) => {
    const place = placeOfField(field)
    if (!place || field === 'file' || !place.row) return undefined
    return place.column
      ? t('versions.excel.placeCell', { ...place })
      : t('versions.excel.placeRow', { ...place })
  }
  return (
    <div className="error upload-error" role="alert" data-testid="upload-error">
      <p>
        {failure.code === 'network'
          ? t('versions.excel.network')
          : t('versions.excel.refused', { count: Math.max(1, failure.errors.length) })}
      </p>
      <ul>
        {issues.slice(0, SHOWN_ISSUES).map((issue, i) => (
          <li key={i} data-field={issue.field}>
            {placeOf(issue.field) && <strong>{placeOf(issue.field)}: </strong>}
            {placeOf(issue.field) ? issue.message.replace(/^sheet [^:]*: /, '') : issue.message}
          </li>
        ))}
      </ul>
    </div>
  )
}
