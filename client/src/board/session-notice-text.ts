import type { TFunction } from 'i18next'
import type { SessionNotice } from '../sync/session-notice.js'
import type { CellNaming } from '../plan-view/describe-cell.js'
import { describeViolation } from '../plan-view/describe-violation.js'

/** A sync-layer notice in the reader's language; `naming` is needed to name a rejected cell. */
export function sessionNoticeText(
  t: TFunction,
  naming: CellNaming | undefined,
  notice: SessionNotice,
): string {
  if (notice.kind === 'rejected') {
    const why = naming
      ? describeViolation(naming, notice.code, notice.places[0], notice.reason)
      : notice.reason
    return t('server.rejected', { why })
  }
  if (notice.kind === 'epochChanged') return t('server.epochChanged', { count: notice.reapplied })
  const restored = t('server.reapplied', { count: notice.reapplied })
  return notice.dropped > 0
    ? `${restored} ${t('server.dropped', { count: notice.dropped })}`
    : restored
}
