import type { AgendaItem, ExecutiveSummary, MeetingRecord, PlanDoc } from '@tandem/shared'
import {
  buildAgenda,
  daysPerPeriod,
  executiveSummary,
  periodKey,
  PlanModel,
  pricedSkus,
  readMeeting,
} from '@tandem/shared'

/** Everything the meeting pack prints, in data; the words come with the language. */
export interface MeetingPack {
  planName: string
  printedAt: string
  summary: ExecutiveSummary
  agenda: AgendaItem[]
  /** Decisions and actions of the current (or last) meeting, oldest first. */
  records: MeetingRecord[]
  /** The period labels of the horizon (2026-W49, 2026-12). */
  periods: string[]
}

/** Reads the pack from a plan: the executive summary, the agenda as built now, the records. */
export function meetingPack(plan: PlanDoc, printedAt: Date): MeetingPack {
  const meta = plan.readMeta()
  const model = new PlanModel(plan)
  try {
    return {
      planName: meta.name,
      printedAt: printedAt.toISOString(),
      summary: executiveSummary(pricedSkus(plan), daysPerPeriod(meta.periodKind)),
      agenda: buildAgenda(plan, model),
      records: readMeeting(plan.doc).records,
      periods: Array.from({ length: meta.periodCount }, (_, p) =>
        periodKey(meta.periodKind, meta.firstPeriod, p),
      ),
    }
  } finally {
    model.destroy()
  }
}
