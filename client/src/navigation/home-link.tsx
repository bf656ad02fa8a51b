import type { ReactNode } from 'react'
import { navigate } from './navigation.js'

/** A link to the list of plans that moves there without reloading the app. */
export function HomeLink({ className, children }: { className: string; children: ReactNode }) {
  return (
    <a
      href="/"
      className={className}
      onClick={(event) => {
        event.preventDefault()
        navigate('/')
      }}
    >
      {children}
    </a>
  )
}
