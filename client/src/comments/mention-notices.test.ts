import * as Y from 'yjs'
import type { CommentMessage, CommentThread } from '@tandem/shared'
import { describe, expect, it } from 'vitest'
import { mentionNotices } from './mention-notices.js'
import { filterThreads } from './thread-filter.js'

const message = (
  id: string,
  author: string,
  at: string,
  mentions: string[] = [],
): CommentMessage => ({
  id,
  author,
  createdAt: at,
  deleted: false,
  mentions,
  body: new Y.XmlText(),
})

const threads: CommentThread[] = [
  {
    id: 't1',
    anchor: { measure: 'projected', key: 'SKU-1', period: 3 },
    createdBy: 'viewer',
    createdAt: '2026-01-01T00:00:00Z',
    resolved: false,
    messages: [
      message('m1', 'viewer', '2026-01-01T00:00:00Z'),
      message('m2', 'sales', '2026-01-02T00:00:00Z', ['production']),
    ],
  },
  {
    id: 't2',
    anchor: { measure: 'demand', key: 'SKU-2' },
    createdBy: 'production',
    createdAt: '2026-01-03T00:00:00Z',
    resolved: true,
    messages: [message('m3', 'production', '2026-01-03T00:00:00Z', ['production'])],
  },
]

describe('mentionNotices', () => {
  it('lists mentions of me by others, newer than my read mark of the thread', () => {
    expect(mentionNotices(threads, 'production', {}).map((n) => n.messageId)).toEqual(['m2'])
    expect(mentionNotices(threads, 'production', { t1: '2026-01-02T00:00:00Z' })).toEqual([])
    expect(mentionNotices(threads, 'sales', {})).toEqual([])
  })
})

describe('filterThreads', () => {
  it('filters by open, resolved, mine and mentioning me', () => {
    const ids = (filter: Parameters<typeof filterThreads>[1], me: string) =>
      filterThreads(threads, filter, me).map((t) => t.id)
    expect(ids('open', 'sales')).toEqual(['t1'])
    expect(ids('resolved', 'sales')).toEqual(['t2'])
    expect(ids('mine', 'sales')).toEqual(['t1'])
    expect(ids('mentions', 'production')).toEqual(['t1', 't2'])
  })
})
