/** The Accuracy page of a plan: `/plans/:id/accuracy`. */
export function accuracyPath(planId: string): string {
  return `/plans/${encodeURIComponent(planId)}/accuracy`
}

/** The plan id of an Accuracy page path, if the path is one. */
export function accuracyPlanIdOf(path: string): string | undefined {
  const match = /^\/plans\/([^/]+)\/accuracy\/?$/.exec(path)
  return match ? decodeURIComponent(match[1]) : undefined
}
