/** Errors a user or client can cause, each with its HTTP status. The UI translates each code. */
export const ERROR_CODES = {
  badRequest: { status: 400 },
  invalidId: { status: 400 },
  invalidPlan: { status: 400 },
  unauthorized: { status: 401 },
  invalidCredentials: { status: 401 },
  sessionExpired: { status: 401 },
  forbidden: { status: 403 },
  originNotAllowed: { status: 403 },
  userDisabled: { status: 403 },
  noPlanAccess: { status: 403 },
  notFound: { status: 404 },
  planNotFound: { status: 404 },
  userNotFound: { status: 404 },
  conflict: { status: 409 },
  payloadTooLarge: { status: 413 },
  unsupportedMediaType: { status: 415 },
  rateLimited: { status: 429 },
  storeUnavailable: { status: 503 },
  shuttingDown: { status: 503 },
  pdfUnavailable: { status: 503 },
} as const

export type ErrorCode = keyof typeof ERROR_CODES

/** The body of every 4xx and 5xx answer of the REST API. */
export interface ApiError {
  code: ErrorCode
  message: string
  /** The field or cell concerned, when there is one. */
  field?: string
}

/** The reasons an update is rejected; the sender receives one in a `rejected` message. */
export const REJECTION_CODES = [
  'malformed',
  'unknownRoot',
  'badStructure',
  'badValue',
  'outOfRange',
  'frozenPeriod',
  'forbiddenRole',
  'planApproved',
  'missingHistory',
  'forbiddenDeletion',
  'foreignClient',
  'messageTooLong',
  'discussionQuota',
  'stageLocked',
  'outOfScope',
] as const

export type RejectionCode = (typeof REJECTION_CODES)[number]
