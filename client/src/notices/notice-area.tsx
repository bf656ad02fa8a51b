import type { Notice } from './use-notices.js'

/** Refusals, confirmations and decisions, read out by screen readers as they arrive. */
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
          role={notice.tone === 'info' ? 'status' : 'alert'}
          data-testid="notice"
          data-tone={notice.tone}
          onClick={() => !notice.actions && onDismiss(notice.id)}
        >
          {notice.message}
          {notice.actions && (
            <div className="notice-actions">
              {notice.actions.map((action) => (
                <button
                  key={action.testId}
                  type="button"
                  className="button"
                  data-testid={action.testId}
                  onClick={() => {
                    onDismiss(notice.id)
                    action.run()
                  }}
                >
                  {action.label}
                </button>
              ))}
            </div>
          )}
        </div>
      ))}
    </div>
  )
}
