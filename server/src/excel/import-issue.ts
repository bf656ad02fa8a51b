import type { ApiError, ErrorCode, RejectionCode } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import type { CellPlace } from './cell-address.js'
import { cellField, describePlace } from './cell-address.js'
import { IMPORT_LIMITS } from './import-limits.js'

/** One thing wrong with an imported file, naming the sheet, row and column concerned. */
export interface ImportIssue {
  code: ErrorCode | RejectionCode
  message: string
  /** `Plan!R12C4`: sheet, row and column; `Plan!R12` for a row; the sheet alone for a sheet. */
  field: string
}

/** Builds an issue whose message starts with the place, the way a planner reads it. */
export function issueAt(code: ImportIssue['code'], place: CellPlace, reason: string): ImportIssue {
  return { code, message: `${describePlace(place)}: ${reason}`, field: cellField(place) }
}

/** The body of an import that failed: the first issue, then every issue (up to a limit). */
export interface ImportErrorBody extends ApiError {
  errors: ImportIssue[]
  errorCount: number
}

/** An import that failed as a whole: nothing was created or applied. */
export class ImportProblem extends ApiProblem {
  constructor(
    code: ErrorCode,
    readonly issues: ImportIssue[],
    readonly issueCount = issues.length,
  ) {
    const more = issueCount > 1 ? ` (and ${issueCount - 1} more)` : ''
    super(
      code,
      `${issues[0]?.message ?? 'The file could not be imported'}${more}`,
      issues[0]?.field,
    )
  }

  /** A failure with one issue. */
  static single(code: ErrorCode, place: CellPlace, reason: string): ImportProblem {
    return new ImportProblem(code, [issueAt(code, place, reason)])
  }

  override toBody(): ImportErrorBody {
    return { ...super.toBody(), errors: this.issues, errorCount: this.issueCount }
  }
}

/** Collects issues, keeping the first few hundred and counting the rest. */
export class IssueList {
  readonly listed: ImportIssue[] = []
  count = 0

  add(issue: ImportIssue): void {
    this.count++
    if (this.listed.length < IMPORT_LIMITS.listedIssues) this.listed.push(issue)
  }

  get isEmpty(): boolean {
    return this.count === 0
  }

  /** Throws an ImportProblem with every issue unless there are none. */
  throwIfAny(code: ErrorCode = 'invalidPlan'): void {
    if (this.count > 0) throw new ImportProblem(code, this.listed, this.count)
  }
}

/**
 * The answer code for a file whose cells break rules: forbidden when the role may not write
 * them, conflict when the plan refuses them (frozen periods, approved plan), else invalidPlan.
 */
export function failureCode(issues: readonly ImportIssue[]): ErrorCode {
  if (issues.some((issue) => issue.code === 'forbiddenRole')) return 'forbidden'
  if (issues.some((issue) => issue.code === 'frozenPeriod' || issue.code === 'planApproved'))
    return 'conflict'
  return 'invalidPlan'
}
