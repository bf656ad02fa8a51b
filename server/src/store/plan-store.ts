/**
 * @deprecated The 26-member PlanStore is split into PlanLog (plan-log.ts), PlanRecords
 * (plan-records.ts) and Accounts (accounts.ts). This alias stays only until rooms/ imports
 * plan-log.ts directly; take the narrowest interface instead.
 */
export type { PlanLog as PlanStore } from './plan-log.js'
export type { CellChange, LoggedUpdate } from './plan-log.js'
