/**
 * What a browser does with redirects and cookies, for flows that cross servers (single
 * sign-on): follows Location headers and keeps each origin's cookies. Cookie paths are
 * ignored (every cookie of an origin is sent), which no flow under test depends on.
 */
export class RedirectWalker {
  private readonly jars = new Map<string, Map<string, string>>()
  /** Every URL visited, in order. */
  readonly visited: string[] = []

  /** Requests `url` and follows redirects; answers the last response and its URL. */
  async go(
    url: string,
    init: { method?: string; body?: URLSearchParams } = {},
  ): Promise<{ response: Response; url: string }> {
    let current = url
    let method = init.method ?? 'GET'
    let body: URLSearchParams | undefined = init.body
    for (let hop = 0; hop < 20; hop++) {
      this.visited.push(current)
      const response = await fetch(current, {
        method,
        body,
        redirect: 'manual',
        headers: { cookie: this.cookieHeader(current) },
      })
      this.keep(current, response)
      const location = response.headers.get('location')
      if (response.status < 300 || response.status >= 400 || !location) {
        return { response, url: current }
      }
      await response.arrayBuffer()
      current = new URL(location, current).href
      method = 'GET'
      body = undefined
    }
    throw new Error(`more than 20 redirects from ${url}`)
  }

  /** A cookie this walker holds for an origin. */
  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(new URL(origin).origin)?.get(name)
  }

  setCookie(origin: string, name: string, value: string | undefined): void {
    const jar = this.jarOf(origin)
    if (value === undefined) jar.delete(name)
    else jar.set(name, value)
  }

  private jarOf(url: string): Map<string, string> {
    const origin = new URL(url).origin
    let jar = this.jars.get(origin)
    if (!jar) this.jars.set(origin, (jar = new Map()))
    return jar
  }

  private cookieHeader(url: string): string {
    return [...this.jarOf(url)].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  private keep(url: string, response: Response): void {
    const jar = this.jarOf(url)
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1).trim()
      const expired = attributes.some((attribute) => {
        const at = attribute.indexOf('=')
        const key = attribute.slice(0, at).trim().toLowerCase()
        const raw = attribute.slice(at + 1).trim()
        return (
          (key === 'max-age' && Number(raw) <= 0) ||
          (key === 'expires' && Date.parse(raw) < Date.now())
        )
      })
      if (expired || value === '') jar.delete(name)
      else jar.set(name, value)
    }
  }
}
