import type {
  ErrorCode,
  ImportHeader,
  ImportErrorBody,
  ImportIssue,
  ImportIssueAnswer,
  ImportIssueCode,
  ImportPlace,
} from '@tandem/shared'
import { IMPORT_ISSUE_CODES } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import { cellField } from './cell-address.js'
import { importIssueMessage } from './import-issue-message.js'
import { IMPORT_LIMITS } from './import-limits.js'

/** An issue of `code` at `place`, with the values its reason names. */
export function issueAt(
  code: ImportIssueCode,
  place: ImportPlace,
  params: ImportIssue['params'] = {},
): ImportIssue {
  return { code, place, params }
}

/** The issue as it is sent: with its place as `Plan!R12C4` and an English message. */
export function issueAnswer(issue: ImportIssue): ImportIssueAnswer {
  return { ...issue, field: cellField(issue.place), message: importIssueMessage(issue) }
}

/**
 * The answer code for a file with these issues: forbidden when the role may not write a cell,
 * conflict when the plan refuses one (frozen periods, approved plan), else the first issue's.
 */
export function failureCode(issues: readonly ImportIssue[]): ErrorCode {
  const answers: ErrorCode[] = issues.map((issue) => IMPORT_ISSUE_CODES[issue.code].answer)
  if (answers.includes('forbidden')) return 'forbidden'
  if (answers.includes('conflict')) return 'conflict'
  return answers[0] ?? 'invalidPlan'
}

/** An import that failed as a whole: nothing was created or applied. */
export class ImportProblem extends ApiProblem {
  constructor(
    readonly issues: ImportIssue[],
    readonly issueCount = issues.length,
    readonly header?: ImportHeader,
  ) {
    const first = issues[0]
    const more = issueCount > 1 ? ` (and ${issueCount - 1} more)` : ''
    super(
      failureCode(issues),
      first ? `${importIssueMessage(first)}${more}` : 'The file could not be imported',
      first && cellField(first.place),
    )
  }

  /** A failure with one issue. */
  static single(
    code: ImportIssueCode,
    place: ImportPlace,
    params: ImportIssue['params'] = {},
  ): ImportProblem {
    return new ImportProblem([issueAt(code, place, params)])
  }

  override toBody(): ImportErrorBody {
    const body = {
      ...super.toBody(),
      errors: this.issues.map(issueAnswer),
      errorCount: this.issueCount,
    }
    return this.header ? { ...body, header: this.header } : body
  }
}

/** Collects issues, keeping the first few hundred and counting the rest. */
export class IssueList {
  readonly listed: ImportIssue[] = []
  count = 0
  /** The header, once it had a problem: the answer carries it for the mapping step. */
  header: ImportHeader | undefined

  add(issue: ImportIssue): void {
    this.count++
    if (this.listed.length < IMPORT_LIMITS.listedIssues) this.listed.push(issue)
  }

  get isEmpty(): boolean {
    return this.count === 0
  }

  /** Throws an ImportProblem with every issue unless there are none. */
  throwIfAny(): void {
    if (this.count > 0) throw new ImportProblem(this.listed, this.count, this.header)
  }
}
