import type { GapFlag, Role } from '@tandem/shared'
import { ROLES } from '@tandem/shared'

/** A person the owner filter offers: a member of the plan, or the owner of an open flag. */
export interface OwnerChoice {
  id: string
  /** Their role in the plan; undefined for a flag owner who is no longer a member. */
  role: Role | undefined
  /** How many open (not resolved) flags they own: the rows the filter keeps. */
  openFlags: number
}

/**
 * Everyone who can own rows of the plan: its members by role (planner, sales, production,
 * viewer) and name, then owners of open flags who are not members, so a person can be chosen
 * before anything is flagged to them. `chosen` is kept even when it is neither.
 */
export function ownerChoices(
  flags: readonly GapFlag[],
  members: readonly { id: string; name: string; role: Role }[],
  chosen?: string,
): OwnerChoice[] {
  const open = new Map<string, number>()
  for (const flag of flags)
    if (flag.status !== 'resolved' && typeof flag.owner === 'string' && flag.owner !== '')
      open.set(flag.owner, (open.get(flag.owner) ?? 0) + 1)
  const sorted = [...members].sort(
    (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.name.localeCompare(b.name),
  )
  const choices: OwnerChoice[] = sorted.map((m) => ({
    id: m.id,
    role: m.role,
    openFlags: open.get(m.id) ?? 0,
  }))
  const listed = new Set(choices.map((c) => c.id))
  for (const id of [...open.keys()].sort())
    if (!listed.has(id)) choices.push({ id, role: undefined, openFlags: open.get(id) ?? 0 })
  if (chosen && !choices.some((c) => c.id === chosen))
    choices.push({ id: chosen, role: undefined, openFlags: 0 })
  return choices
}
