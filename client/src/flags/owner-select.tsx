import type { PlanMember } from '../api/plans-api.js'

interface OwnerSelectProps {
  testId: string
  value: string
  members: PlanMember[]
  onChange: (owner: string) => void
}

/** A plan member picker for a flag's owner; an owner who is no longer a member stays listed. */
export function OwnerSelect({ testId, value, members, onChange }: OwnerSelectProps) {
  return (
    <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
      {members.every((m) => m.id !== value) && <option value={value}>{value}</option>}
      {members.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </select>
  )
}
