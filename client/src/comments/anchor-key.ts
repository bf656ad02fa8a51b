import type { CommentAnchor } from '@tandem/shared'

/** One string per anchor, equal for equal anchors: `measure:key:period` (period empty for a row). */
export function anchorKey(anchor: Pick<CommentAnchor, 'measure' | 'key' | 'period'>): string {
  return `${anchor.measure}:${anchor.key}:${anchor.period ?? ''}`
}
