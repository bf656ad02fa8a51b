import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/** A person the test provider can sign in, with the claims it releases for them. */
export interface ProviderAccount {
  email?: string
  email_verified?: boolean
  name?: string
  roles?: string[]
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on loopback, with a plain login page:
 * POST `login=<account id>` to `/interaction/:uid` signs that account in and grants the
 * scopes asked for. Accounts can be changed between sign-ins, as an IdP admin would.
 */
export interface OidcTestProvider {
  issuer: string
  clientId: string
  clientSecret: string
  accounts: Map<string, ProviderAccount>
  /** Registers Tandem's callback; call once Tandem listens and its URL is known. */
  register(redirectUri: string): void
  close(): Promise<void>
}

export async function startOidcTestProvider(): Promise<OidcTestProvider> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const accounts = new Map<string, ProviderAccount>()
  const clientId = 'tandem-test'
  const clientSecret = 'tandem-test-secret-that-is-long-enough'
  let provider: Provider | undefined

  const interaction = async (req: IncomingMessage, res: ServerResponse, active: Provider) => {
    const details = await active.interactionDetails(req, res)
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(
        `<form method="post" action="/interaction/${details.uid}"><input name="login"><button>Sign in</button></form>`,
      )
      return
    }
    const body = await new Promise<string>((resolve) => {
      let text = ''
      req.on('data', (chunk: Buffer) => (text += chunk.toString()))
      req.on('end', () => resolve(text))
    })
    const accountId = new URLSearchParams(body).get('login') ?? ''
    if (!accounts.has(accountId)) {
      await active.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: 'unknown account',
      })
      return
    }
    const grant = new active.Grant({ accountId, clientId: String(details.params.client_id) })
    grant.addOIDCScope(String(details.params.scope))
    const grantId = await grant.save()
    await active.interactionFinished(
      req,
      res,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    )
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!provider) {
      res.writeHead(503).end('provider not configured yet')
      return
    }
    const active = provider
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res, active).catch((error: unknown) => {
        res.writeHead(500).end(String(error))
      })
      return
    }
    void active.callback()(req, res)
  })

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    register(redirectUri) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        async findAccount(_ctx, id) {
          const account = accounts.get(id)
          if (!account) return undefined
          return { accountId: id, claims: () => ({ sub: id, ...account }) }
        },
        claims: {
          openid: ['sub'],
          email: ['email', 'email_verified'],
          profile: ['name', 'roles'],
        },
        interactions: { url: (_ctx, pending) => `/interaction/${pending.uid}` },
        features: { devInteractions: { enabled: false } },
        cookies: { keys: ['oidc-test-provider-cookie-key'] },
        ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
      })
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
