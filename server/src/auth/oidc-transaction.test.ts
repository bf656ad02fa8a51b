import { describe, expect, it } from 'vitest'
import type { OidcTransaction } from './oidc-transaction.js'
import { openTransaction, safeReturnPath, sealTransaction } from './oidc-transaction.js'

const transaction: OidcTransaction = {
  state: 's',
  nonce: 'n',
  codeVerifier: 'v',
  redirectUrl: 'https://tandem.example/api/auth/oidc/callback',
  returnTo: '/plans/p1',
  expiresAt: 2_000,
}

describe('the single sign-on transaction cookie', () => {
  it('opens what it sealed, until it expires', () => {
    const sealed = sealTransaction('secret', transaction)
    expect(openTransaction('secret', sealed, 1_000)).toEqual(transaction)
    expect(openTransaction('secret', sealed, 2_001)).toBeUndefined()
  })

  it('refuses another secret, an altered body, a missing or malformed value', () => {
    const sealed = sealTransaction('secret', transaction)
    expect(openTransaction('other', sealed, 1_000)).toBeUndefined()
    const [, signature] = sealed.split('.')
    const altered = Buffer.from(JSON.stringify({ ...transaction, state: 'x' })).toString(
      'base64url',
    )
    expect(openTransaction('secret', `${altered}.${signature}`, 1_000)).toBeUndefined()
    expect(openTransaction('secret', undefined)).toBeUndefined()
    expect(openTransaction('secret', 'abc')).toBeUndefined()
    expect(openTransaction('secret', `${sealed}.extra`, 1_000)).toBeUndefined()
  })
})

describe('safeReturnPath', () => {
  it('keeps paths on this server and turns anything else into /', () => {
    expect(safeReturnPath('/plans/p1?cell=a#x')).toBe('/plans/p1?cell=a#x')
    expect(safeReturnPath('//evil.example')).toBe('/')
    expect(safeReturnPath('https://evil.example')).toBe('/')
    expect(safeReturnPath('/\\evil.example')).toBe('/')
    expect(safeReturnPath('/a\nb')).toBe('/')
    expect(safeReturnPath(undefined)).toBe('/')
  })
})
