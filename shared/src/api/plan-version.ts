/** A published version: an immutable snapshot of a plan with its name, note, author and time. */
export interface PlanVersion {
  id: string
  planId: string
  name: string
  note: string
  author: string
  /** ISO timestamp. */
  createdAt: string
}
