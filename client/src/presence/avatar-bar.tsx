import { useTranslation } from 'react-i18next'
import type { Identity } from '../identity/identity.js'
import { initials } from '../identity/person-colour.js'
import type { Peer } from './presence-state.js'

interface AvatarBarProps {
  me: Identity
  peers: Peer[]
  following: number | undefined
  onJump: (peer: Peer) => void
  onFollow: (peer: Peer | undefined) => void
}

/** Everyone in the plan: click a face to go to their cell; Follow to track their view. */
export function AvatarBar({ me, peers, following, onJump, onFollow }: AvatarBarProps) {
  const { t } = useTranslation()
  return (
    <div
      className="avatar-bar"
      role="list"
      aria-label={t('presence.label')}
      data-testid="avatar-bar"
    >
      <span
        className="avatar me"
        role="listitem"
        title={`${me.name} (${t('presence.you')})`}
        style={{ background: me.colour }}
      >
        {initials(me.name)}
      </span>
      {peers.map((peer) => {
        const { name, role, colour } = peer.state.user
        const followed = following === peer.clientId
        return (
          <span
            key={peer.clientId}
            className="avatar-group"
            role="listitem"
            data-testid="avatar"
            data-name={name}
          >
            <button
              type="button"
              className={peer.state.editing ? 'avatar typing' : 'avatar'}
              style={{ background: colour }}
              title={`${name} · ${t(`role.${role}`)}`}
              aria-label={t('presence.jump', { name })}
              onClick={() => onJump(peer)}
            >
              {initials(name)}
            </button>
            <span className="avatar-label">
              <span className="avatar-name">{name}</span>
              <span className="avatar-role">{t(`role.${role}`)}</span>
            </span>
            <button
              type="button"
              className={followed ? 'follow-button active' : 'follow-button'}
              data-testid={`follow-${name}`}
              aria-pressed={followed}
              onClick={() => onFollow(followed ? undefined : peer)}
            >
              {followed ? t('presence.unfollow') : t('presence.follow')}
            </button>
          </span>
        )
      })}
    </div>
  )
}
