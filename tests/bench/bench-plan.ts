import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as Y from 'yjs'

/** One plan, encoded once, that every server under test is seeded with. */
export interface BenchPlan {
  id: string
  /** The store's record of the plan (a PlanRecord). */
  record: {
    id: string
    name: string
    periodKind: 'week' | 'month'
    firstPeriod: string
    periodCount: number
    skuCount: number
    createdAt: string
  }
  snapshot: Uint8Array
  skuCount: number
  periodCount: number
}

/** Writes a plan where child processes can read it. */
export async function saveBenchPlan(dir: string, plan: BenchPlan): Promise<string> {
  await mkdir(dir, { recursive: true })
  const file = join(dir, `${plan.id}.plan`)
  await writeFile(file + '.json', JSON.stringify({ ...plan, snapshot: undefined }))
  await writeFile(file, plan.snapshot)
  return file
}

export async function loadBenchPlan(file: string): Promise<BenchPlan> {
  const head = JSON.parse(await readFile(file + '.json', 'utf8')) as Omit<BenchPlan, 'snapshot'>
  return { ...head, snapshot: new Uint8Array(await readFile(file)) }
}

/** A document holding the plan, with the same item ids as every server's copy. */
export function planDocFrom(plan: BenchPlan): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, plan.snapshot)
  return doc
}
