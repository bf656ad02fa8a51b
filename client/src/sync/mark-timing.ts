const KEEP = 500

/**
 * A performance mark for the measuring script (edit → remote repaint); old marks of the same
 * name are dropped so that a long session does not pile them up.
 */
export function markTiming(name: 'tandem:edit' | 'tandem:repaint'): void {
  if (performance.getEntriesByName(name, 'mark').length >= KEEP) performance.clearMarks(name)
  performance.mark(name)
}
