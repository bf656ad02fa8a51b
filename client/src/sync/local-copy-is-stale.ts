import type { IndexeddbPersistence } from 'y-indexeddb'

/** True when the local copy was made for an earlier plan of the same id (its creation time differs). */
export async function localCopyIsStale(
  persistence: IndexeddbPersistence,
  createdAt: string | undefined,
): Promise<boolean> {
  if (!createdAt) return false
  const stored = (await persistence.get('createdAt')) as string | undefined
  return stored !== undefined && stored !== createdAt
}
