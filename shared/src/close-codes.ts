/**
 * Every way the server ends a sync socket, by name. Codes 4400–4499 mean "do not reconnect
 * as you are"; 1011 and 1013 are transient and a client retries them. 4012 asks the client to
 * look up its role again and reconnect.
 */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  internalError: 1011,
  serviceRestart: 1012,
  tryAgainLater: 1013,
  roleChanged: 4012,
  badMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  planNotFound: 4404,
  /**
   * The server started a new document epoch for the plan (or the client's copy is of another
   * epoch): throw the local document away, load the current one and re-apply unsaved edits.
   */
  epochChanged: 4409,
  planDeleted: 4410,
  updateRejected: 4422,
  rateLimited: 4429,
  tooManySockets: 4430,
  overBudget: 4431,
} as const

export type CloseReason = keyof typeof CLOSE_CODES

/** True for codes after which a client should not reconnect with the same state. */
export function isTerminalCloseCode(code: number): boolean {
  return code >= 4400 && code <= 4499
}
