import { useTranslation } from 'react-i18next'
import type { GapFlag, PlanDoc } from '@tandem/shared'
import { updateFlag } from '@tandem/shared'
import type { PlanMember } from '../api/plans-api.js'
import { OwnerSelect } from './owner-select.js'

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
        <OwnerSelect
          testId="flag-edit-owner"
          value={flag.owner}
          members={members}
          onChange={(owner) => updateFlag(plan, flag.id, { owner })}
        />
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
