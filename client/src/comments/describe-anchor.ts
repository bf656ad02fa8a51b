import type { CommentAnchor } from '@tandem/shared'
import type { CellNaming } from '../plan-view/describe-cell.js'
import { describeCell } from '../plan-view/describe-cell.js'

/** An anchor named in the reader's language: a cell, or "SKU-00001 (whole row)". */
export function describeAnchor(view: CellNaming, anchor: CommentAnchor): string {
  return anchor.period === undefined
    ? view.t('comments.rowAnchor', {
        key: anchor.key,
        measure: view.t(`measure.${anchor.measure}`),
      })
    : describeCell(view, anchor.measure, anchor.key, anchor.period)
}
