import { useTranslation } from 'react-i18next'
import type { ImportIssueAnswer } from '@tandem/shared'
import { importPlaceText, importReasonText } from './describe-import-issue.js'
import type { UploadFailure } from './upload-file.js'

const SHOWN_ISSUES = 20

/** A refused file's problems, each led by the sheet, row and column it concerns. */
export function UploadError({ failure }: { failure: UploadFailure }) {
  const { t } = useTranslation()
  const count = Math.max(1, failure.errorCount ?? failure.errors.length)
  return (
    <div className="error upload-error" role="alert" data-testid="upload-error">
      <p>
        {failure.code === 'network'
          ? t('versions.excel.network')
          : t('versions.excel.refused', { count })}
      </p>
      <ul>
        {failure.errors.length === 0 && failure.code !== 'network' && (
          <li data-code={failure.code}>
            {t(`importRefused.${failure.code}`, {
              defaultValue: t('importRefused.other', { code: failure.code }),
            })}
          </li>
        )}
        {failure.errors.slice(0, SHOWN_ISSUES).map((issue, i) => (
          <IssueLine key={i} issue={issue} />
        ))}
      </ul>
    </div>
  )
}

function IssueLine({ issue }: { issue: ImportIssueAnswer }) {
  const { t } = useTranslation()
  const place = importPlaceText(t, issue.place)
  return (
    <li data-field={issue.field} data-code={issue.code}>
      {place && <strong>{t('importPlace.lead', { place })}</strong>}
      {importReasonText(t, issue)}
    </li>
  )
}
