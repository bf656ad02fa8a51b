/** A bearer token for scripts (`POST /api/auth/token`), and when it stops being accepted. */
export interface IssuedToken {
  token: string
  /** ISO timestamp. */
  expiresAt: string
}
