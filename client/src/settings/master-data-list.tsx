import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanDoc, PlanMeta, Role } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import type { Notify } from '../notices/use-notices.js'
import type { PlanSession } from '../sync/plan-session.js'
import { describeChangeViolation } from './describe-change-violation.js'
import { ItemForm } from './item-form.js'
import { changeItem } from './plan-changes.js'

interface MasterDataListProps {
  session: PlanSession
  plan: PlanDoc
  meta: PlanMeta
  role: Role
  format: Formatters
  notify: Notify
  /** Start with the add-SKU form open. */
  adding?: boolean
}

/** How many SKUs the list shows at once; the search narrows a large plan down. */
const SHOWN = 50

/**
 * The plan's SKUs with their master data, searchable. A planner adds a SKU, edits one, retires
 * it (hidden from the board, out of totals, kept in the document) or brings it back.
 */
export function MasterDataList(props: MasterDataListProps) {
  const { session, plan, meta, role, format, notify } = props
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const [editing, setEditing] = useState<string | 'new' | undefined>(
    props.adding && role === 'planner' ? 'new' : undefined,
  )
  const [tick, setTick] = useState(0)
  useEffect(() => {
    const changed = () => setTick((n) => n + 1)
    plan.items.observeDeep(changed)
    return () => plan.items.unobserveDeep(changed)
  }, [plan])
  const items = useMemo(() => {
    const needle = query.trim().toLowerCase()
    const all = plan.listSkus().map((sku) => plan.readItem(sku)!)
    return needle
      ? all.filter((item) =>
          [item.sku, item.name, item.family, item.site].some((text) =>
            text.toLowerCase().includes(needle),
          ),
        )
      : all
    // tick: the items changed.
  }, [plan, query, tick])
  const planner = role === 'planner'
  const editable = planner && meta.status === 'approved' ? false : planner
  const retire = (sku: string, retired: boolean) => {
    const violation = changeItem(session, { sku, fields: { retired } })
    if (violation) notify(describeChangeViolation({ t, format, meta }, violation), 'error')
    else notify(t(retired ? 'masterData.retired' : 'masterData.restored', { sku }), 'info')
  }
  const editedItem = editing && editing !== 'new' ? plan.readItem(editing) : undefined
  return (
    <div className="master-data" data-testid="master-data">
      {!planner && (
        <p className="muted" data-testid="master-data-read-only">
          {t('masterData.readOnly', { role: t(`role.${role}`) })}
        </p>
      )}
      {editing ? (
        <ItemForm
          key={editing}
          session={session}
          meta={meta}
          format={format}
          item={editedItem}
          onCancel={() => setEditing(undefined)}
          onDone={(sku) => {
            notify(t(editing === 'new' ? 'masterData.added' : 'masterData.saved', { sku }), 'info')
            setEditing(undefined)
          }}
        />
      ) : (
        <div className="master-data-bar">
          <input
            type="search"
            value={query}
            placeholder={t('masterData.search')}
            aria-label={t('masterData.search')}
            data-testid="master-data-search"
            onChange={(event) => setQuery(event.target.value)}
          />
          {editable && (
            <button
              type="button"
              className="button primary"
              data-testid="add-sku"
              onClick={() => setEditing('new')}
            >
              {t('masterData.addButton')}
            </button>
          )}
        </div>
      )}
      <p className="muted">
        {t('masterData.count', { count: items.length, shown: Math.min(items.length, SHOWN) })}
      </p>
      <table className="master-data-table">
        <thead>
          <tr>
            <th>{t('masterData.field.sku')}</th>
            <th>{t('masterData.field.name')}</th>
            <th>{t('masterData.field.family')}</th>
            <th className="number">{t('masterData.field.safetyStock')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.slice(0, SHOWN).map((item) => (
            <tr
              key={item.sku}
              data-testid="master-data-row"
              data-sku={item.sku}
              className={item.retired ? 'retired' : undefined}
            >
              <td>{item.sku}</td>
              <td>
                {item.name}
                {item.retired && <span className="pill">{t('masterData.retiredTag')}</span>}
              </td>
              <td>{item.family}</td>
              <td className="number">{format.number(item.safetyStock)}</td>
              <td className="actions">
                {editable && !item.retired && (
                  <button
                    type="button"
                    className="link-button"
                    data-testid="edit-sku"
                    onClick={() => setEditing(item.sku)}
                  >
                    {t('masterData.edit')}
                  </button>
                )}
                {editable && (
                  <button
                    type="button"
                    className="link-button"
                    data-testid={item.retired ? 'restore-sku' : 'retire-sku'}
                    onClick={() => retire(item.sku, !item.retired)}
                  >
                    {item.retired ? t('masterData.restore') : t('masterData.retire')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
