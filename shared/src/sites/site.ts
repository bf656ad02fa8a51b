import { isValidId } from '../ids.js'

/** A plant or warehouse where SKUs are made or stocked and resources stand; in `meta.sites`. */
export interface Site {
  id: string
  name: string
  /** The country the site is in, as people name it (`China`, `Germany`) or its ISO code. */
  country: string
}

/** Longest site name and country a planner may set. */
export const SITE_TEXT_MAX = 100

/**
 * Why a list of sites is not a valid `meta.sites`, or undefined when it is: each entry a
 * `{ id, name, country }` with a valid id, unique, a non-blank name and country of at most
 * 100 characters.
 */
export function siteListProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'sites must be a list of { id, name, country }'
  const ids = new Set<string>()
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      return 'sites must be a list of { id, name, country }'
    const { id, name, country } = entry as Record<string, unknown>
    if (!isValidId(id)) return `site id ${JSON.stringify(id)} is not a valid id`
    if (ids.has(id)) return `site ${id} is listed twice`
    ids.add(id)
    for (const [field, text] of [
      ['name', name],
      ['country', country],
    ] as const) {
      if (typeof text !== 'string' || text.trim() === '' || text.length > SITE_TEXT_MAX)
        return `site ${id} ${field} must be 1 to ${SITE_TEXT_MAX} characters`
    }
    if (Object.keys(entry).some((key) => key !== 'id' && key !== 'name' && key !== 'country'))
      return `site ${id} has fields other than id, name and country`
  }
  return undefined
}

/** True when the plan lists sites and `site` is none of them. Plans without a list accept any. */
export function isUnknownSite(sites: readonly Site[], site: string): boolean {
  return sites.length > 0 && !sites.some((s) => s.id === site)
}
