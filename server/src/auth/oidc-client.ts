import * as oidc from 'openid-client'
import type { OidcSettings } from './oidc-settings.js'
import type { OidcTransaction } from './oidc-transaction.js'
import { OIDC_TRANSACTION_TTL_MS } from './oidc-transaction.js'

/** Raised when the provider refuses or its answer does not check out. */
export class OidcFailure extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause })
  }
}

/**
 * The relying party: the authorisation code flow with PKCE, state and nonce, through
 * `openid-client`. The provider's discovery document is read on first use and kept; a failed
 * read is retried on the next sign-in, so Tandem starts even while the provider is down.
 */
export class OidcClient {
  private configuration: Promise<oidc.Configuration> | undefined

  constructor(private readonly settings: OidcSettings) {}

  /** Where to send the browser, and what it must bring back. */
  async start(
    redirectUrl: string,
    returnTo: string,
  ): Promise<{ url: string; transaction: OidcTransaction }> {
    const configuration = await this.discover()
    const codeVerifier = oidc.randomPKCECodeVerifier()
    const transaction: OidcTransaction = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier,
      redirectUrl,
      returnTo,
      expiresAt: Date.now() + OIDC_TRANSACTION_TTL_MS,
    }
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUrl,
      scope: this.settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    })
    return { url: url.href, transaction }
  }

  /**
   * Exchanges the code the provider sent back for tokens, checks the ID token (signature,
   * issuer, audience, nonce) and returns its claims merged with the userinfo answer.
   */
  async finish(callbackUrl: URL, transaction: OidcTransaction): Promise<Record<string, unknown>> {
    const configuration = await this.discover()
    try {
      const tokens = await oidc.authorizationCodeGrant(
        configuration,
        callbackUrl,
        {
          pkceCodeVerifier: transaction.codeVerifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
        },
        { redirect_uri: transaction.redirectUrl },
      )
      const idClaims = tokens.claims()
      if (!idClaims) throw new OidcFailure('The provider sent no ID token')
      let userInfo: Record<string, unknown> = {}
      if (tokens.access_token && configuration.serverMetadata().userinfo_endpoint) {
        userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)
      }
      return { ...idClaims, ...userInfo }
    } catch (error) {
      if (error instanceof OidcFailure) throw error
      throw new OidcFailure(
        `The identity provider's answer was refused: ${messageOf(error)}`,
        error,
      )
    }
  }

  private discover(): Promise<oidc.Configuration> {
    this.configuration ??= this.readDiscovery().catch((error: unknown) => {
      this.configuration = undefined
      throw new OidcFailure(
        `The identity provider at ${this.settings.issuer} could not be reached: ${messageOf(error)}`,
        error,
      )
    })
    return this.configuration
  }

  private async readDiscovery(): Promise<oidc.Configuration> {
    const issuer = new URL(this.settings.issuer)
    // Plain HTTP only on loopback (a provider on the same machine, as in tests): tokens and
    // secrets never cross a network unencrypted.
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname)
    return oidc.discovery(
      issuer,
      this.settings.clientId,
      this.settings.clientSecret,
      undefined,
      loopback && issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {},
    )
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
