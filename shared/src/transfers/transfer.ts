import { isValidId } from '../ids.js'

/**
 * A move of stock between two sites: `quantity` leaves `fromSku` in `period` and arrives at
 * `toSku` (the same product at another site) `leadTime` periods later. It is demand at the
 * source and supply at the destination. Stored whole as one JSON value in `transfers`.
 */
export interface Transfer {
  fromSku: string
  toSku: string
  /** The period it ships in (plan period index). */
  period: number
  /** Whole periods in transit; 0 arrives in the period it ships. */
  leadTime: number
  quantity: number
}

/** The fields of a stored transfer, and nothing else. */
export const TRANSFER_FIELDS = ['fromSku', 'toSku', 'period', 'leadTime', 'quantity'] as const

/** The period a transfer arrives in; past the horizon it is still in transit at the end. */
export function arrivalPeriod(transfer: Pick<Transfer, 'period' | 'leadTime'>): number {
  return transfer.period + transfer.leadTime
}

/** A stored value as a transfer when it has the shape of one, else undefined (never trusted). */
export function readTransfer(value: unknown): Transfer | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const entry = value as Record<string, unknown>
  if (Object.keys(entry).some((key) => !(TRANSFER_FIELDS as readonly string[]).includes(key)))
    return undefined
  const { fromSku, toSku, period, leadTime, quantity } = entry
  if (!isValidId(fromSku) || !isValidId(toSku)) return undefined
  if (!Number.isInteger(period) || !Number.isInteger(leadTime)) return undefined
  if (typeof quantity !== 'number' || !Number.isFinite(quantity)) return undefined
  return { fromSku, toSku, period: period as number, leadTime: leadTime as number, quantity }
}
