import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CycleStage, PlanDoc, PlanModel, Role } from '@tandem/shared'
import {
  CYCLE_STAGES,
  cycleMap,
  dueKey,
  evaluateChecklist,
  periodKey,
  planChecklistFacts,
  maySignOff,
  stageIndex,
  STAGE_OWNER,
} from '@tandem/shared'
import { ApiFailure } from '../api/plans-api.js'
import type { Notify } from '../notices/use-notices.js'
import { reopenStage, signOffStage } from './cycle-api.js'
import { useCycle } from './use-cycle.js'

interface CyclePanelProps {
  planId: string
  plan: PlanDoc
  model: PlanModel
  role: Role
  nameOf: (userId: string) => string
  notify: Notify
  onClose: () => void
}

/** The S&OP cycle: each stage's owner, due date and checklist; sign-off and reopen. */
export function CyclePanel(props: CyclePanelProps) {
  const { planId, plan, model, role, notify } = props
  const { t } = useTranslation()
  const cycle = useCycle(plan)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const checklist = useMemo(
    () => evaluateChecklist(planChecklistFacts(plan, model, new Date())),
    // The cycle changing is when a checklist is read; gaps are re-read with it.
    [plan, model, cycle],
  )
  const current = stageIndex(cycle.stage)

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await action()
      notify(done, 'info')
      setReason('')
    } catch (error) {
      notify(error instanceof ApiFailure ? error.message : String(error), 'error')
    } finally {
      setBusy(false)
    }
  }
  const setDue = (stage: CycleStage, value: string) =>
    plan.doc.transact(() => cycleMap(plan.doc).set(dueKey(stage), value))

  return (
    <aside
      className="side-panel cycle-panel"
      data-testid="cycle-panel"
      aria-label={t('cycle.title')}
    >
      <div className="side-panel-tabs">
        <strong>{t('cycle.title')}</strong>
        <span className="spacer" />
        <button
          type="button"
          className="link-button"
          data-testid="cycle-close"
          onClick={props.onClose}
        >
          {t('versions.close')}
        </button>
      </div>
      <ol className="cycle-stages">
        {CYCLE_STAGES.map((stage, index) => {
          const signOff = [...cycle.signOffs].reverse().find((s) => s.stage === stage)
          const done = index < current || (cycle.complete && index === current)
          const isCurrent = index === current && !cycle.complete
          return (
            <li
              key={stage}
              data-testid={`cycle-stage-${stage}`}
              className={
                isCurrent ? 'cycle-stage current' : done ? 'cycle-stage done' : 'cycle-stage'
              }
            >
              <div className="cycle-stage-head">
                <strong>{t(`cycle.stage.${stage}`)}</strong>
                <span className="muted">
                  {t('cycle.owner', { role: t(`role.${STAGE_OWNER[stage]}`) })}
                </span>
              </div>
              <label className="cycle-due">
                {t('cycle.due')}{' '}
                <input
                  type="date"
                  value={cycle.due[stage] ?? ''}
                  disabled={role !== 'planner'}
                  data-testid={`cycle-due-${stage}`}
                  onChange={(event) => setDue(stage, event.target.value)}
                />
              </label>
              {done && signOff && (
                <div className="muted" data-testid={`cycle-signed-${stage}`}>
                  {t('cycle.signedOff', {
                    name: props.nameOf(signOff.by),
                    at: signOff.at.slice(0, 10),
                  })}
                </div>
              )}
              {isCurrent && (
                <>
                  <ul className="cycle-checklist">
                    {checklist.map((check) => (
                      <li key={check.check} className={check.passed ? 'check passed' : 'check'}>
                        {check.passed ? '✓ ' : '✗ '}
                        {t(`cycle.check.${check.check}`)}
                        {!check.passed && check.missing.length > 0 && (
                          <span className="muted">
                            {' '}
                            (
                            {check.check === 'actualsLoaded'
                              ? check.missing.map((p) => periodKeyOf(plan, Number(p))).join(', ')
                              : check.missing.join(', ')}
                            )
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                  {maySignOff(role, stage) && (
                    <button
                      type="button"
                      className="button primary"
                      disabled={busy}
                      data-testid="cycle-sign-off"
                      onClick={() =>
                        run(
                          () => signOffStage(planId, stage),
                          t('cycle.signedOffNotice', { stage: t(`cycle.stage.${stage}`) }),
                        )
                      }
                    >
                      {t('cycle.signOff', { stage: t(`cycle.stage.${stage}`) })}
                    </button>
                  )}
                </>
              )}
              {done && role === 'planner' && (
                <button
                  type="button"
                  className="button"
                  disabled={busy || reason.trim() === ''}
                  data-testid={`cycle-reopen-${stage}`}
                  onClick={() =>
                    run(
                      () => reopenStage(planId, stage, reason),
                      t('cycle.reopenedNotice', { stage: t(`cycle.stage.${stage}`) }),
                    )
                  }
                >
                  {t('cycle.reopen')}
                </button>
              )}
            </li>
          )
        })}
      </ol>
      {role === 'planner' && current > 0 && (
        <label className="cycle-reason">
          {t('cycle.reason')}
          <textarea
            value={reason}
            maxLength={2000}
            data-testid="cycle-reason"
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
      )}
      {cycle.reopenings.length > 0 && (
        <div className="cycle-log">
          <strong>{t('cycle.reopenings')}</strong>
          <ul>
            {cycle.reopenings.map((entry) => (
              <li key={`${entry.at}-${entry.stage}`}>
                {t('cycle.reopenedBy', {
                  stage: t(`cycle.stage.${entry.stage}`),
                  name: props.nameOf(entry.by),
                  at: entry.at.slice(0, 10),
                })}
                : {entry.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </aside>
  )
}

/** The current stage, for the board header: everyone sees it, and it changes live. */
export function StagePill({ plan }: { plan: PlanDoc }) {
  const { t } = useTranslation()
  const cycle = useCycle(plan)
  return (
    <span className="pill stage" data-testid="cycle-stage">
      {cycle.complete ? t('cycle.complete') : t(`cycle.stage.${cycle.stage}`)}
    </span>
  )
}

function periodKeyOf(plan: PlanDoc, period: number): string {
  const meta = plan.readMeta()
  return periodKey(meta.periodKind, meta.firstPeriod, period)
}
