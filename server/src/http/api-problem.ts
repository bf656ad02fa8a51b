import type { ApiError, ErrorCode } from '@tandem/shared'
import { ERROR_CODES } from '@tandem/shared'

/** An error a caller caused; the error handler turns it into an `ApiError` body and its status. */
export class ApiProblem extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }

  get status(): number {
    return ERROR_CODES[this.code].status
  }

  toBody(): ApiError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field }
  }
}
