import type { PlanDoc } from '../plan-doc.js'
import type { PlanMeta } from '../plan-meta.js'
import { isFrozenPeriod } from '../plan-meta.js'
import { periodKey } from '../periods.js'
import { readTransfer, TRANSFER_FIELDS } from '../transfers/transfer.js'
import type { Transfer } from '../transfers/transfer.js'
import { roleMayWrite } from './role.js'
import type { Role } from './role.js'
import { scopeText } from './check-site-scope.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/**
 * Entering, changing or cancelling (`value` undefined) the transfer `id`: production and
 * planners, not in an approved plan; the transfer it replaces must not ship in a frozen period;
 * the new one moves a positive quantity between two SKUs at different sites, ships in an open
 * period of the horizon and has a whole lead time from 0 to `periodCount`. A role scoped to
 * sites enters and changes only transfers that ship from one of its sites. The client runs it
 * before writing; the server on every update.
 */
export function checkTransfer(
  plan: PlanDoc,
  meta: PlanMeta,
  role: Role,
  scope: readonly string[] | undefined,
  id: string,
  value: unknown,
): RuleViolation | undefined {
  const at = { root: 'transfers', key: id }
  const name = `transfer ${id}`
  if (!roleMayWrite(role, 'transfers'))
    return violation('forbiddenRole', `A ${role} may not enter transfers (${name})`, at)
  if (meta.status === 'approved')
    return violation('planApproved', `The plan is approved and read-only (${name})`, at)
  const previous = readTransfer(plan.transfers.get(id))
  if (previous) {
    const found = checkShipment(plan, meta, role, scope, name, previous, at)
    if (found) return found
  }
  if (value === undefined) return undefined
  const transfer = readTransfer(value)
  if (!transfer)
    return violation(
      'badValue',
      `${name} must be { ${TRANSFER_FIELDS.join(', ')} } with SKU ids and whole periods`,
      at,
    )
  for (const sku of [transfer.fromSku, transfer.toSku])
    if (!plan.items.has(sku))
      return violation('badValue', `${name}: no SKU ${sku} in this plan`, at)
  const from = siteOf(plan, transfer.fromSku)
  const to = siteOf(plan, transfer.toSku)
  if (from === to)
    return violation(
      'badValue',
      `${name}: ${transfer.fromSku} and ${transfer.toSku} are both at site ${from || '(none)'}; a transfer moves stock between sites`,
      at,
    )
  if (transfer.period < 0 || transfer.period >= meta.periodCount)
    return violation(
      'badStructure',
      `${name}: period ${transfer.period} is outside the plan's horizon`,
      at,
    )
  if (transfer.leadTime < 0 || transfer.leadTime > meta.periodCount)
    return violation(
      'outOfRange',
      `${name}: lead time must be 0 to ${meta.periodCount} periods (got ${transfer.leadTime})`,
      at,
    )
  if (!(transfer.quantity > 0) || transfer.quantity > meta.maxValue)
    return violation(
      'outOfRange',
      `${name}: quantity must be more than 0 and at most ${meta.maxValue} (got ${transfer.quantity})`,
      at,
    )
  const scaled = transfer.quantity * 10 ** meta.decimals
  if (Math.abs(Math.round(scaled) - scaled) > Math.max(1e-6, 4 * Number.EPSILON * scaled))
    return violation(
      'outOfRange',
      `${name}: quantity allows ${meta.decimals} decimal places (got ${transfer.quantity})`,
      at,
    )
  return checkShipment(plan, meta, role, scope, name, transfer, at)
}

function checkShipment(
  plan: PlanDoc,
  meta: PlanMeta,
  role: Role,
  scope: readonly string[] | undefined,
  name: string,
  transfer: Transfer,
  at: { root: string; key: string },
): RuleViolation | undefined {
  const place = { ...at, period: transfer.period }
  if (isFrozenPeriod(meta, transfer.period))
    return violation(
      'frozenPeriod',
      `${name} ships in ${periodKey(meta.periodKind, meta.firstPeriod, transfer.period)} (period ${transfer.period}), a frozen period`,
      place,
    )
  const from = siteOf(plan, transfer.fromSku)
  if (scope && !scope.includes(from))
    return violation(
      'outOfScope',
      `${name} ships from ${transfer.fromSku} at site ${from || '(none)'}; ${scopeText(role, scope)}`,
      place,
    )
  return undefined
}

function siteOf(plan: PlanDoc, sku: string): string {
  const site = plan.items.get(sku)?.get('site')
  return typeof site === 'string' ? site : ''
}
