import { useSyncExternalStore } from 'react'

const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

/** Moves to another page of the app without reloading it. */
export function navigate(path: string): void {
  history.pushState(null, '', path)
  for (const listener of listeners) listener()
}

/** The current path, re-rendering on navigation and on back/forward. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => location.pathname)
}

/** The plan id of a board path (`/plans/:id`), if the path is one. */
export function planIdOf(path: string): string | undefined {
  const match = /^\/plans\/([^/]+)\/?$/.exec(path)
  return match ? decodeURIComponent(match[1]) : undefined
}

/** The admin page's path. */
export const ADMIN_PATH = '/admin'

export function isAdminPath(path: string): boolean {
  return path === ADMIN_PATH || path === `${ADMIN_PATH}/`
}

/** The inbox page's path. */
export const INBOX_PATH = '/inbox'

export function isInboxPath(path: string): boolean {
  return path === INBOX_PATH || path === `${INBOX_PATH}/`
}
