import { createHmac } from 'node:crypto'

/** An HS256 JWT for the bench's API token, signed with the secret the app was built with. */
export function benchToken(secret: string, userId: string, ttlSeconds = 3600): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const iat = Math.floor(Date.now() / 1000)
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: userId, kind: 'token', iat, exp: iat + ttlSeconds })}`
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`
}
