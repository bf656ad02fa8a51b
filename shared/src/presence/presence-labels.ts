/**
 * Short labels that tell every person in a plan apart: initials where they are unique
 * ("PP"), else initials with more of the last name ("PPl", "PPa"), else the first name, and as
 * a last resort a number ("PP 2"). Deterministic: the same people give the same labels, whatever
 * order they joined in.
 */
export function presenceLabels(
  people: readonly { id: string; name: string }[],
): Map<string, string> {
  const sorted = [...people].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const labels = new Map<string, string>()
  const candidates = sorted.map((person) => ({ person, options: labelOptions(person.name) }))
  for (const { person, options } of candidates) {
    const clash = (label: string) =>
      candidates.some((other) => other.person.id !== person.id && other.options.includes(label))
    labels.set(person.id, options.find((label) => !clash(label)) ?? options[0]!)
  }
  const count = new Map<string, number>()
  for (const { person } of candidates) {
    const label = labels.get(person.id)!
    const seen = (count.get(label) ?? 0) + 1
    count.set(label, seen)
    if (seen > 1) labels.set(person.id, `${label} ${seen}`)
  }
  return labels
}

function labelOptions(name: string): string[] {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return ['?']
  // CJK names have no spaces: the whole name is short and already unambiguous to read.
  if (words.length === 1 && /[\u3400-\u9fff]/.test(words[0]!)) return [words[0]!]
  const first = words[0]!
  const last = words.length > 1 ? words[words.length - 1]! : ''
  const initials = (first[0]! + (last[0] ?? '')).toUpperCase()
  const options = [initials]
  for (let extra = 2; extra <= Math.min(3, last.length); extra++)
    options.push(initials + last.slice(1, extra).toLowerCase())
  options.push(last ? `${first} ${last[0]!.toUpperCase()}.` : first, name.trim())
  return options
}
