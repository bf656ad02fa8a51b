import { useTranslation } from 'react-i18next'
import type { Identity } from '../identity/identity.js'
import { useMemo } from 'react'
import { peerLabels, personKey } from './peer-labels.js'
import type { Peer } from './presence-state.js'

/** Past this many others, the bar shows faces only (with 20 people, names would not fit). */
const CROWDED = 5

interface AvatarBarProps {
  me: Identity
  /** My claimed presence colour. */
  myColour: string
  peers: Peer[]
  following: number | undefined
  onJump: (peer: Peer) => void
  onFollow: (peer: Peer | undefined) => void
}

/** Everyone in the plan: click a face to go to their cell; Follow to track their view. */
export function AvatarBar({ me, myColour, peers, following, onJump, onFollow }: AvatarBarProps) {
  const { t } = useTranslation()
  const labels = useMemo(() => peerLabels(me, peers), [me, peers])
  return (
    <div
      className={peers.length > CROWDED ? 'avatar-bar crowded' : 'avatar-bar'}
      role="list"
      aria-label={t('presence.label')}
      data-testid="avatar-bar"
    >
      <span
        className="avatar me"
        role="listitem"
        title={`${me.name} (${t('presence.you')})`}
        data-testid="avatar-me"
        style={{ background: myColour }}
      >
        {labels.get(me.userId)}
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
            data-colour={colour}
          >
            <button
              type="button"
              className={peer.state.editing ? 'avatar typing' : 'avatar'}
              style={{ background: colour }}
              title={`${name} · ${t(`role.${role}`)}`}
              aria-label={t('presence.jump', { name })}
              onClick={() => onJump(peer)}
            >
              {labels.get(personKey(peer))}
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
