import type { PlanInput } from '@tandem/shared'
import {
  checkTransfer,
  createPlanDoc,
  isUnknownSite,
  isValidId,
  siteListProblem,
} from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'

/**
 * Checks what JSON schema cannot: ids, row lengths, values, and that every row names a known
 * item or resource. Throws an ApiProblem naming the field.
 */
export function checkPlanInput(input: PlanInput): void {
  const { meta } = input
  const count = meta.periodCount
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meta.firstPeriod) || Number.isNaN(Date.parse(meta.firstPeriod))) {
    throw new ApiProblem(
      'invalidPlan',
      'firstPeriod must be a date as YYYY-MM-DD',
      'meta.firstPeriod',
    )
  }
  if (meta.frozenThrough < -1 || meta.frozenThrough >= count) {
    throw new ApiProblem(
      'invalidPlan',
      `frozenThrough must be from -1 to ${count - 1}`,
      'meta.frozenThrough',
    )
  }
  const sites = meta.sites
  const siteProblem = siteListProblem(sites)
  if (siteProblem) throw new ApiProblem('invalidPlan', siteProblem, 'meta.sites')
  const resources = new Set<string>()
  meta.resources.forEach((resource, i) => {
    if (isUnknownSite(sites, resource.site))
      throw new ApiProblem(
        'invalidPlan',
        `Resource ${resource.id} is at unknown site ${resource.site}`,
        `meta.resources[${i}].site`,
      )
    if (!isValidId(resource.id))
      throw new ApiProblem(
        'invalidId',
        `"${resource.id}" is not a valid resource id`,
        `meta.resources[${i}].id`,
      )
    if (resources.has(resource.id))
      throw new ApiProblem(
        'invalidPlan',
        `Resource ${resource.id} appears twice`,
        `meta.resources[${i}].id`,
      )
    resources.add(resource.id)
  })
  const skus = new Set<string>()
  input.items.forEach((item, i) => {
    if (!isValidId(item.sku))
      throw new ApiProblem('invalidId', `"${item.sku}" is not a valid SKU id`, `items[${i}].sku`)
    if (skus.has(item.sku))
      throw new ApiProblem('invalidPlan', `SKU ${item.sku} appears twice`, `items[${i}].sku`)
    if (isUnknownSite(sites, item.site))
      throw new ApiProblem(
        'invalidPlan',
        `SKU ${item.sku} is at unknown site ${item.site}`,
        `items[${i}].site`,
      )
    if (item.resource && !resources.has(item.resource)) {
      throw new ApiProblem(
        'invalidPlan',
        `SKU ${item.sku} uses unknown resource ${item.resource}`,
        `items[${i}].resource`,
      )
    }
    skus.add(item.sku)
  })
  const checkRows = (name: 'demand' | 'supply' | 'capacity', known: Set<string>) => {
    for (const [key, values] of Object.entries(input[name])) {
      if (!known.has(key))
        throw new ApiProblem(
          'invalidPlan',
          `${name} row ${key} has no ${name === 'capacity' ? 'resource' : 'item'}`,
          `${name}.${key}`,
        )
      if (values.length > count)
        throw new ApiProblem(
          'invalidPlan',
          `${name} ${key} has ${values.length} values for ${count} periods`,
          `${name}.${key}`,
        )
      values.forEach((value, p) => {
        if (!Number.isFinite(value) || value < 0 || value > meta.maxValue) {
          throw new ApiProblem(
            'invalidPlan',
            `${name} ${key}, period ${p}: ${value} is not a number from 0 to ${meta.maxValue}`,
            `${name}.${key}[${p}]`,
          )
        }
      })
    }
  }
  checkRows('demand', skus)
  checkRows('supply', skus)
  checkRows('capacity', resources)
  const transfers = Object.entries(input.transfers ?? {})
  if (transfers.length === 0) return
  const plan = createPlanDoc({ ...input, transfers: {} })
  const open = { ...meta, frozenThrough: -1, status: 'draft' as const }
  for (const [id, transfer] of transfers) {
    const found = isValidId(id)
      ? checkTransfer(plan, open, 'planner', undefined, id, transfer)
      : { reason: `"${id}" is not a valid transfer id` }
    if (found) throw new ApiProblem('invalidPlan', found.reason, `transfers.${id}`)
  }
}
