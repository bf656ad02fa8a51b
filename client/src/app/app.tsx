import { useState } from 'react'
import { BoardPage } from '../board/board-page.js'
import type { Identity } from '../identity/identity.js'
import { loadIdentity, saveIdentity } from '../identity/identity.js'
import { IdentityPicker } from '../identity/identity-picker.js'
import { LandingPage } from '../landing/landing-page.js'
import { planIdOf, usePath } from './navigation.js'

/** The whole app: the plans list or one plan's board, behind the identity picker. */
export function App() {
  const path = usePath()
  const [identity, setIdentity] = useState<Identity | undefined>(loadIdentity)
  const [changing, setChanging] = useState(false)
  const pick = (picked: Identity) => {
    saveIdentity(picked)
    setIdentity(picked)
    setChanging(false)
  }
  if (!identity || changing) {
    return (
      <IdentityPicker
        initial={identity}
        onPick={pick}
        onCancel={identity ? () => setChanging(false) : undefined}
      />
    )
  }
  const planId = planIdOf(path)
  const changeIdentity = () => setChanging(true)
  return planId ? (
    <BoardPage key={planId} planId={planId} identity={identity} onChangeIdentity={changeIdentity} />
  ) : (
    <LandingPage identity={identity} onChangeIdentity={changeIdentity} />
  )
}
