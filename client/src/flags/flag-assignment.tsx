import { useTranslation } from 'react-i18next'
import type { GapFlag, PlanDoc } from '@tandem/shared'
import { updateFlag } from '@tandem/shared'
import type { PlanMember } from '../api/plans-api.js'

interface FlagAssignmentProps {
  plan: PlanDoc
  flag: GapFlag
  members: PlanMember[]
}

/** Owner and due date of a flag, changed by its creator or a planner. */
export function FlagAssignment({ plan, flag, members }: FlagAssignmentProps) {
  const { t } = useTranslation()
  return (
    <div className="flag-assignment">
      <label>
        {t('flags.owner')}
        <select
          data-testid="flag-edit-owner"
          value={flag.owner}
          onChange={(e) => updateFlag(plan, flag.id, { owner: e.target.value })}
        >
          {members.every((m) => m.id !== flag.owner) && (
            <option value={flag.owner}>{flag.owner}</option>
          )}
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('flags.dueDate')}
        <input
          type="date"
          data-testid="flag-edit-due"
          value={flag.dueDate}
          onChange={(e) => updateFlag(plan, flag.id, { dueDate: e.target.value })}
        />
      </label>
    </div>
  )
}
