import * as Y from 'yjs'
import { baseKeyOf } from './overlay-pair.js'

/** Any Yjs shared type, whatever its events (Yjs types its event parameter invariantly). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SharedType = Y.AbstractType<any>

/**
 * How a copy folds overlays: an overlay key `k` (a period index) lands at base position
 * `k + offset`. 0 for measure rows; the history length for actuals rows, whose base starts
 * `HISTORY_PERIODS` before period 0.
 */
export interface FoldRule {
  offset: number
}

/** An empty type of the same kind as `source`, to attach to its new parent before it is filled. */
export function emptyLike(source: SharedType): SharedType {
  if (source instanceof Y.Map) return new Y.Map()
  if (source instanceof Y.Array) return new Y.Array()
  if (source instanceof Y.XmlText) return new Y.XmlText()
  if (source instanceof Y.Text) return new Y.Text()
  if (source instanceof Y.XmlElement) return new Y.XmlElement(source.nodeName)
  if (source instanceof Y.XmlFragment) return new Y.XmlFragment()
  throw new Error(`Cannot copy a ${source.constructor.name} into a new epoch`)
}

/**
 * Fills `target` (already attached to its document) with a copy of `source`'s current content.
 * Nested types are created empty, attached, then filled, so every item of the copy is
 * integrated where it belongs. Overlay pairs in maps are folded by `fold`: the base gets the
 * current values and the overlay keeps only what does not fit a base position.
 */
export function copyInto(source: SharedType, target: SharedType, fold: FoldRule): void {
  if (source instanceof Y.Map && target instanceof Y.Map) copyMap(source, target, fold)
  else if (source instanceof Y.Array && target instanceof Y.Array) copyArray(source, target, fold)
  else if (source instanceof Y.Text && target instanceof Y.Text) copyText(source, target, fold)
  else if (source instanceof Y.XmlFragment && target instanceof Y.XmlFragment)
    copyXml(source, target, fold)
  else throw new Error(`Cannot copy a ${source.constructor.name} into a new epoch`)
}

function copyValue(value: unknown, attach: (value: unknown) => void, fold: FoldRule): void {
  if (value instanceof Y.AbstractType) {
    const fresh = emptyLike(value)
    attach(fresh)
    copyInto(value, fresh, fold)
  } else attach(value)
}

function copyMap(source: Y.Map<unknown>, target: Y.Map<unknown>, fold: FoldRule): void {
  const folded = new Set<string>()
  source.forEach((edits, editsKey) => {
    const baseKey = baseKeyOf(editsKey)
    const base = baseKey === undefined ? undefined : source.get(baseKey)
    if (!(edits instanceof Y.Map) || !(base instanceof Y.Array) || baseKey === undefined) return
    const values = base.toArray() as unknown[]
    if (values.some((value) => value instanceof Y.AbstractType)) return
    const leftover: [string, unknown][] = []
    edits.forEach((value, key) => {
      const position = Number(key) + fold.offset
      const fits =
        String(Number(key)) === key &&
        Number.isInteger(position) &&
        position >= 0 &&
        position < values.length &&
        typeof value === 'number' &&
        Number.isFinite(value)
      if (fits) values[position] = value
      else leftover.push([key, value])
    })
    const freshBase = new Y.Array<unknown>()
    target.set(baseKey, freshBase)
    freshBase.insert(0, values)
    const freshEdits = new Y.Map<unknown>()
    target.set(editsKey, freshEdits)
    for (const [key, value] of leftover) copyValue(value, (v) => freshEdits.set(key, v), fold)
    folded.add(baseKey).add(editsKey)
  })
  source.forEach((value, key) => {
    if (!folded.has(key)) copyValue(value, (v) => target.set(key, v), fold)
  })
}

function copyArray(source: Y.Array<unknown>, target: Y.Array<unknown>, fold: FoldRule): void {
  let run: unknown[] = []
  const flush = () => {
    if (run.length > 0) target.push(run)
    run = []
  }
  for (const value of source.toArray()) {
    if (value instanceof Y.AbstractType) {
      flush()
      copyValue(value, (v) => target.push([v]), fold)
    } else run.push(value)
  }
  flush()
}

interface DeltaOp {
  insert?: unknown
  attributes?: Record<string, unknown>
}

function copyAttributes(
  attributes: Record<string, unknown>,
  target: Y.XmlText | Y.XmlElement,
  fold: FoldRule,
): void {
  for (const [name, value] of Object.entries(attributes))
    copyValue(value, (v) => target.setAttribute(name, v as string), fold)
}

/** Text and Slate's XmlText: attributes, then the delta in order, embeds created in place. */
function copyText(source: Y.Text, target: Y.Text, fold: FoldRule): void {
  if (source instanceof Y.XmlText && target instanceof Y.XmlText)
    copyAttributes(source.getAttributes(), target, fold)
  for (const op of source.toDelta() as DeltaOp[]) {
    const attributes = op.attributes ?? {}
    if (typeof op.insert === 'string') target.insert(target.length, op.insert, attributes)
    else if (op.insert instanceof Y.AbstractType) {
      const fresh = emptyLike(op.insert)
      target.insertEmbed(target.length, fresh, attributes)
      copyInto(op.insert, fresh, fold)
    } else if (op.insert !== undefined)
      target.insertEmbed(target.length, op.insert as object, attributes)
  }
}

function copyXml(source: Y.XmlFragment, target: Y.XmlFragment, fold: FoldRule): void {
  if (source instanceof Y.XmlElement && target instanceof Y.XmlElement)
    copyAttributes(source.getAttributes(), target, fold)
  for (const child of source.toArray()) {
    const fresh = emptyLike(child)
    target.insert(target.length, [fresh as Y.XmlElement | Y.XmlText])
    copyInto(child, fresh, fold)
  }
}
