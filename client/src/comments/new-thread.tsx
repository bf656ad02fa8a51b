import { useTranslation } from 'react-i18next'
import type { CommentAnchor, PlanDoc } from '@tandem/shared'
import type { PlanMember } from '../api/plans-api.js'
import { postThread } from './comment-writes.js'
import { MessageEditor } from './message-editor.js'
import { plainTextOf } from './plain-text-of.js'

interface NewThreadProps {
  plan: PlanDoc
  anchor: CommentAnchor
  anchorLabel: string
  me: string
  members: PlanMember[]
  onPosted: (threadId: string) => void
  onCancel: () => void
}

/** The first message of a new thread on a cell or a row. */
export function NewThread(props: NewThreadProps) {
  const { t } = useTranslation()
  return (
    <section className="thread-view" data-testid="new-thread">
      <div className="thread-head">
        <strong>{t('comments.newThread')}</strong>
        <span>{props.anchorLabel}</span>
      </div>
      <MessageEditor
        members={props.members}
        submitLabel={t('comments.post')}
        onCancel={props.onCancel}
        onSubmit={(nodes) => {
          if (plainTextOf(nodes) === '') return
          props.onPosted(postThread(props.plan, props.anchor, props.me, nodes))
        }}
      />
    </section>
  )
}
