import { useTranslation } from 'react-i18next'
import type { MeetingMode } from './use-meeting-mode.js'

interface MeetingBannerProps {
  mode: MeetingMode
  presenterName: string
  onOpen: () => void
}

/** A meeting runs: who presents, and one click to step out of following them or back in. */
export function MeetingBanner({ mode, presenterName, onOpen }: MeetingBannerProps) {
  const { t } = useTranslation()
  return (
    <div
      className="following-banner meeting-banner"
      data-testid="meeting-banner"
      data-following={mode.followsPresenter ? 'true' : 'false'}
    >
      <span className="live-dot" aria-hidden="true" />
      {mode.presenting
        ? t('meeting.youPresent')
        : mode.followsPresenter
          ? t('meeting.following', { name: presenterName })
          : mode.presenter
            ? t('meeting.steppedOut', { name: presenterName })
            : t('meeting.waiting', { name: presenterName })}
      {mode.presenter && (
        <button
          type="button"
          className="link-button"
          data-testid="meeting-follow-toggle"
          onClick={mode.followsPresenter ? mode.stepOut : mode.stepIn}
        >
          {mode.followsPresenter ? t('meeting.stepOut') : t('meeting.stepIn')}
        </button>
      )}
      <button type="button" className="link-button" onClick={onOpen}>
        {t('meeting.open')}
      </button>
    </div>
  )
}
