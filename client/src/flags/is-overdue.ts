import type { GapFlag } from '@tandem/shared'

/** An unresolved flag whose due date is before today (`today` is YYYY-MM-DD). */
export function isOverdue(flag: GapFlag, today: string): boolean {
  return flag.status !== 'resolved' && flag.dueDate !== '' && flag.dueDate < today
}
