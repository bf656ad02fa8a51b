import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ColumnMapping, ImportHeader, MappedColumn, Measure } from '@tandem/shared'
import { IMPORT_COLUMNS } from '@tandem/shared'
import { columnLetters } from './describe-import-issue.js'

interface ColumnMappingStepProps {
  header: ImportHeader
  /** The mapping sent last, so a second round starts from it. */
  previous?: ColumnMapping
  busy: boolean
  onApply: (mapping: ColumnMapping) => void
}

type Choice = MappedColumn | 'auto'
const MEASURES: Measure[] = ['demand', 'supply', 'capacity']

/**
 * The column-mapping step, shown when a file's header was not understood: which row holds the
 * headers, what each column holds (SKU, a period, nothing…), and the measure of every row when
 * the file has no Measure column. The file is then sent again with this mapping.
 */
export function ColumnMappingStep({ header, previous, busy, onApply }: ColumnMappingStepProps) {
  const { t } = useTranslation()
  const [headerRow, setHeaderRow] = useState(String(previous?.headerRow ?? header.row))
  const [choices, setChoices] = useState<Choice[]>(() =>
    header.cells.map(
      (text, i) =>
        previous?.columns?.[String(i + 1)] ??
        (header.understood[i] === null && text.trim() !== '' ? 'ignore' : 'auto'),
    ),
  )
  const [measure, setMeasure] = useState<Measure | ''>(previous?.measure ?? '')
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    const columns: Record<string, MappedColumn> = {}
    choices.forEach((choice, i) => {
      if (choice !== 'auto') columns[String(i + 1)] = choice
    })
    const row = Number(headerRow)
    onApply({
      ...(Number.isInteger(row) && row >= 1 ? { headerRow: row } : {}),
      ...(Object.keys(columns).length > 0 ? { columns } : {}),
      ...(measure ? { measure } : {}),
    })
  }
  const autoLabel = (i: number) => {
    const understood = header.understood[i]
    if (understood === null) return t('importMapping.notUnderstood')
    return (IMPORT_COLUMNS as readonly string[]).includes(understood)
      ? t('importMapping.auto', { what: t(`importField.${understood}`) })
      : t('importMapping.auto', { what: t('importMapping.periodOf', { period: understood }) })
  }
  return (
    <form className="column-mapping" onSubmit={submit} data-testid="column-mapping">
      <h3>{t('importMapping.title')}</h3>
      <p className="muted">{t('importMapping.intro')}</p>
      <div className="field-row">
        <label className="field">
          <span>{t('importMapping.headerRow')}</span>
          <input
            type="number"
            min={1}
            value={headerRow}
            data-testid="mapping-header-row"
            onChange={(event) => setHeaderRow(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('importMapping.measure')}</span>
          <select
            value={measure}
            data-testid="mapping-measure"
            onChange={(event) => setMeasure(event.target.value as Measure | '')}
          >
            <option value="">{t('importMapping.measureColumn')}</option>
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {t('importMapping.everyRow', { measure: t(`measure.${m}`) })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="mapping-table">
        <thead>
          <tr>
            <th>{t('importMapping.column')}</th>
            <th>{t('importMapping.header')}</th>
            <th>{t('importMapping.holds')}</th>
          </tr>
        </thead>
        <tbody>
          {header.cells.map((text, i) => (
            <tr key={i}>
              <td>{columnLetters(i + 1)}</td>
              <td>{text}</td>
              <td>
                <select
                  value={choices[i]}
                  aria-label={t('importMapping.holdsOf', { column: columnLetters(i + 1) })}
                  data-testid={`mapping-column-${i + 1}`}
                  onChange={(event) =>
                    setChoices((all) =>
                      all.map((c, j) => (j === i ? (event.target.value as Choice) : c)),
                    )
                  }
                >
                  <option value="auto">{autoLabel(i)}</option>
                  {IMPORT_COLUMNS.map((column) => (
                    <option key={column} value={column}>
                      {t(`importField.${column}`)}
                    </option>
                  ))}
                  <option value="period">{t('importMapping.period')}</option>
                  <option value="ignore">{t('importMapping.ignore')}</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" className="button primary" disabled={busy} data-testid="mapping-apply">
        {t('importMapping.apply')}
      </button>
    </form>
  )
}
