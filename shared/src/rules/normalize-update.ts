import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { isRootName } from '../roots.js'
import { integrationProblem } from './integration-problem.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

type AnyStruct = Y.Item | Y.GC | Y.Skip

/** An update as Yjs will integrate it into the live document, decoded once. */
export interface NormalizedUpdate {
  /** The bytes to apply: the update itself, or its part the document does not have yet. */
  update: Uint8Array
  structs: AnyStruct[]
  ds: ReturnType<typeof Y.decodeUpdate>['ds']
}

export type Normalized = ({ ok: true } & NormalizedUpdate) | { ok: false; violation: RuleViolation }

/**
 * Brings an update into the shape Yjs integrates, so the rules check what will really land:
 *  - one section per client, each a gapless run of structs starting at or below what the
 *    document has (Yjs keeps only a client's last section and holds gapped structs back);
 *  - no skip structs (merged updates with a gap; the rest would be left pending);
 *  - structs the document already has partly are trimmed as integration trims them: the
 *    known part dropped, the rest placed after the sender's previous struct (its decoded
 *    parent ignored, as Yjs ignores it);
 *  - every struct can be integrated now, whole (`integrationProblem`): nothing would be held back
 *    or make `Y.applyUpdate` throw halfway.
 */
export function normalizeUpdate(doc: Y.Doc, update: Uint8Array): Normalized {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  let sections: number
  try {
    decoded = Y.decodeUpdate(update)
    sections = decoding.readVarUint(decoding.createDecoder(update))
  } catch {
    return refuse('malformed', 'The update could not be decoded')
  }
  const known = new Map<number, number>()
  let overlaps = false
  let last: AnyStruct | undefined
  for (const struct of decoded.structs) {
    // Yjs never encodes an empty struct, and applying one corrupts the document's store.
    if (struct.length < 1) return refuse('malformed', 'The update holds an empty struct')
    // A skip marks clocks the update lacks: the rest would wait, pending, unchecked.
    if (struct instanceof Y.Skip) return refuse('missingHistory', MISSING)
    // Decoding creates the root a struct names, even one the document already has.
    if (struct instanceof Y.Item && typeof struct.parent === 'string' && !isRootName(struct.parent))
      return {
        ok: false,
        violation: violation('unknownRoot', `"${struct.parent}" is not part of a plan`, {
          root: struct.parent,
        }),
      }
    const { client, clock } = struct.id
    if (last?.id.client === client) {
      if (clock !== last.id.clock + last.length) return refuse('missingHistory', MISSING)
    } else {
      if (known.has(client))
        return refuse('malformed', 'The update holds two sections for one client')
      const state = Y.getState(doc.store, client)
      known.set(client, state)
      if (clock > state) return refuse('missingHistory', MISSING)
    }
    if (clock < (known.get(client) ?? 0)) overlaps = true
    last = struct
  }
  if (sections !== known.size)
    return refuse('malformed', 'The update holds two sections for one client')
  const trimmed = overlaps ? Y.diffUpdate(update, Y.encodeStateVector(known)) : update
  const again = overlaps ? Y.decodeUpdate(trimmed) : decoded
  const problem = integrationProblem(doc, again.structs)
  if (problem) return refuse('badStructure', problem === 'order' ? OUT_OF_ORDER : UNKNOWN)
  return { ok: true, update: trimmed, structs: again.structs, ds: again.ds }
}

const OUT_OF_ORDER =
  'The update refers to its own content out of order, so it cannot be applied whole'
const UNKNOWN = 'The update refers to content the plan does not have'

const MISSING = 'The update depends on edits the server does not have'

function refuse(code: RuleViolation['code'], reason: string): Normalized {
  return { ok: false, violation: violation(code, reason, { root: '' }) }
}
