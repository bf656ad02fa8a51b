import * as Y from 'yjs'
import { PlanDoc, PlanModel } from '@tandem/shared'
import type { PlanVersion } from '@tandem/shared'
import { versionSnapshot } from './versions-api.js'

/** A version loaded into its own document, never connected to a socket. */
export interface OpenedVersion {
  version: PlanVersion
  plan: PlanDoc
  model: PlanModel
}

/** Applies a version's snapshot to a fresh Y.Doc and derives its model. */
export async function loadVersion(planId: string, version: PlanVersion): Promise<OpenedVersion> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, await versionSnapshot(planId, version.id))
  const plan = new PlanDoc(doc)
  return { version, plan, model: new PlanModel(plan) }
}

export function closeVersion(opened: OpenedVersion): void {
  opened.model.destroy()
  opened.plan.doc.destroy()
}
