import { createHmac, timingSafeEqual } from 'node:crypto'

/** What the browser carries between leaving for the provider and coming back. */
export interface OidcTransaction {
  state: string
  nonce: string
  /** PKCE: the provider is given only its hash. */
  codeVerifier: string
  /** The callback URL the authorisation request named; the token request must repeat it. */
  redirectUrl: string
  /** Where in Tandem to land afterwards: a path on this server. */
  returnTo: string
  /** Epoch milliseconds after which the transaction is refused. */
  expiresAt: number
}

/** The httpOnly cookie that carries it, scoped to the callback. */
export const OIDC_TRANSACTION_COOKIE = 'tandem_oidc'

/** How long a person may take at the provider. */
export const OIDC_TRANSACTION_TTL_MS = 10 * 60 * 1000

function mac(secret: string, body: string): Buffer {
  const key = createHmac('sha256', secret).update('tandem oidc transaction').digest()
  return createHmac('sha256', key).update(body).digest()
}

/** Signs a transaction into a cookie value: it cannot be altered without the server's secret. */
export function sealTransaction(secret: string, transaction: OidcTransaction): string {
  const body = Buffer.from(JSON.stringify(transaction)).toString('base64url')
  return `${body}.${mac(secret, body).toString('base64url')}`
}

/** The transaction in a cookie value, or undefined when it is missing, altered or expired. */
export function openTransaction(
  secret: string,
  value: string | undefined,
  now = Date.now(),
): OidcTransaction | undefined {
  if (!value) return undefined
  const [body, signature, extra] = value.split('.')
  if (!body || !signature || extra !== undefined) return undefined
  const expected = mac(secret, body)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
  let transaction: OidcTransaction
  try {
    transaction = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as OidcTransaction
  } catch {
    return undefined
  }
  if (typeof transaction.expiresAt !== 'number' || transaction.expiresAt < now) return undefined
  return transaction
}

/** A path on this server to land on; anything else (another origin, `//host`) becomes `/`. */
export function safeReturnPath(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//')) return '/'
  if (raw.includes('\\') || [...raw].some((char) => char.charCodeAt(0) < 0x20)) return '/'
  return raw.slice(0, 2048)
}
