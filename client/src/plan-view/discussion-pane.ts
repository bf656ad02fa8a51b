import type { CommentAnchor, GapFlag } from '@tandem/shared'

/** A flag about to be created, prefilled from a gap or a cell. */
export type FlagDraft = Pick<GapFlag, 'kind' | 'severity' | 'cells'> & { threadId: string }

/** What the side panel shows. */
export type DiscussionPane =
  | { kind: 'closed' }
  | { kind: 'threads'; threadId?: string }
  | { kind: 'newThread'; anchor: CommentAnchor }
  | { kind: 'notifications' }
  /** The flags, with one selected (a link to it was opened). */
  | { kind: 'flags'; flagId?: string }
  | { kind: 'newFlag'; draft: FlagDraft }
