/** What the status badge says about the sync socket. */
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'reconnecting'

/** Why a plan cannot be shown at all: the server said no for good. */
export type SessionFailure =
  | 'notFound'
  | 'deleted'
  | 'forbidden'
  | 'unauthorized'
  | 'revoked'
  | 'tooManySockets'
  | 'overBudget'
