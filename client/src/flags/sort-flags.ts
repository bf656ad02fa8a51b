import type { GapFlag } from '@tandem/shared'
import { FLAG_SEVERITIES } from '@tandem/shared'

/** Most severe first; within a severity the earliest due date first, flags without one last. */
export function sortFlags(flags: readonly GapFlag[]): GapFlag[] {
  const rank = (flag: GapFlag) => FLAG_SEVERITIES.indexOf(flag.severity)
  return [...flags].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.dueDate || '9999').localeCompare(b.dueDate || '9999') ||
      a.createdAt.localeCompare(b.createdAt),
  )
}
