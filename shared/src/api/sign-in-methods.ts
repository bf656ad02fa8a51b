/** How people may sign in on this server: `GET /api/auth/methods`, read by the sign-in page. */
export interface SignInMethods {
  /** Email and password. Always offered: the first admin and the CLI rely on it. */
  password: true
  /** OpenID Connect single sign-on, when the server is configured for it. */
  sso: { label: string } | null
}

/** Why a single sign-on did not sign the user in: the sign-in page shows `?ssoError=<code>`. */
export const SSO_ERRORS = [
  /** The sign-in took too long or its cookie was lost: start again. */
  'ssoExpired',
  /** The identity provider refused, or its answer did not check out. */
  'ssoFailed',
  /** The provider gave no email, or said the email is not verified. */
  'ssoNoEmail',
  /** The Tandem account with that email is disabled. */
  'ssoDisabled',
] as const

export type SsoError = (typeof SSO_ERRORS)[number]
