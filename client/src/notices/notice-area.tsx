import type { Notice } from './use-notices.js'

/** Refusals and confirmations, read out by screen readers as they arrive. */
export function NoticeArea({
  notices,
  onDismiss,
}: {
  notices: Notice[]
  onDismiss: (id: number) => void
}) {
  return (
    <div className="notices" aria-live="assertive" data-testid="notices">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice ${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="notice"
          data-tone={notice.tone}
          onClick={() => onDismiss(notice.id)}
        >
          {notice.message}
        </div>
      ))}
    </div>
  )
}
