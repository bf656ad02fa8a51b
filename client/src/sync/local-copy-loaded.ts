import type { IndexeddbPersistence } from 'y-indexeddb'

/** Resolves true once IndexedDB has loaded the local copy, false if it is unavailable or slow. */
export function localCopyLoaded(persistence: IndexeddbPersistence): Promise<boolean> {
  return Promise.race([
    persistence.whenSynced.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3_000)),
  ])
}
