import { useTranslation } from 'react-i18next'
import type { Formatters } from '../i18n/use-formatters.js'

/** How much of a file has been sent; after that, the server is reading it. */
export function UploadProgress({ fraction, format }: { fraction: number; format: Formatters }) {
  const { t } = useTranslation()
  return (
    <div className="upload-progress" data-testid="upload-progress">
      <progress max={1} value={fraction} />
      <span className="muted">
        {fraction < 1
          ? t('versions.excel.uploading', { percent: format.percent(fraction) })
          : t('versions.excel.reading')}
      </span>
    </div>
  )
}
