import * as Y from 'yjs'
import { createPlanDoc, demoPlan, PlanDoc } from '@tandem/shared'
import type { RoomOptions } from '../../server/src/rooms/room.js'
import type { PlanLog } from '../../server/src/store/plan-log.js'

const noop = () => {}

/** A logger for rooms under test that says nothing. */
export const silentRoomLogger = {
  level: 'silent',
  fatal: noop,
  error: noop,
  warn: noop,
  info: noop,
  debug: noop,
  trace: noop,
  silent: noop,
  child: () => silentRoomLogger,
} as unknown as RoomOptions['logger']

/** The plan as every reader sees it: its demand and supply cells, as JSON. */
export function visiblePlan(doc: Y.Doc): string {
  const plan = new PlanDoc(doc)
  return JSON.stringify({ demand: plan.demand.toJSON(), supply: plan.supply.toJSON() })
}

/**
 * Stores a 4-SKU demo plan (seed 7) of `periodCount` weeks as `planId`, its first snapshot
 * written under clientID 1, so every run stores the same bytes.
 */
export async function createSeededPlan(
  log: PlanLog,
  planId: string,
  periodCount: number,
): Promise<void> {
  const doc = new Y.Doc()
  doc.clientID = 1
  const input = demoPlan({ skuCount: 4, periodCount, seed: 7 })
  createPlanDoc(input, doc)
  await log.createPlan(
    {
      id: planId,
      name: input.meta.name,
      periodKind: input.meta.periodKind,
      firstPeriod: input.meta.firstPeriod,
      periodCount,
      skuCount: input.items.length,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    Y.encodeStateAsUpdate(doc),
  )
  doc.destroy()
}
