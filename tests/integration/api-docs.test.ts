import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../support/test-server.js'
import { startTestServer, tempSqliteStore } from '../support/test-server.js'

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>
}
interface OpenApiDocument {
  openapi: string
  paths: Record<string, Record<string, Operation>>
}

describe('the OpenAPI document at /api/docs, from the real app', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store, { metricsToken: 'docs-test-token' })
  })
  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  it('documents every registered route, with its success answer and ApiError errors', async () => {
    const response = await fetch(`${server.url}/api/docs/json`)
    expect(response.status).toBe(200)
    const doc = (await response.json()) as OpenApiDocument
    expect(doc.openapi).toMatch(/^3\./)
    const routes = server.app.routeTable.filter(
      ({ method, url }) => method !== 'HEAD' && !url.startsWith('/api/docs'),
    )
    expect(routes.length).toBeGreaterThan(25)
    const problems: string[] = []
    for (const { method, url } of routes) {
      const path = url.replace(/:(\w+)/g, '{$1}')
      const operation = doc.paths[path]?.[method.toLowerCase()]
      if (!operation) {
        problems.push(`${method} ${url}: not in the document`)
        continue
      }
      const codes = Object.keys(operation.responses ?? {})
      if (!codes.some((code) => /^(2\d\d|101)$/.test(code)))
        problems.push(`${method} ${url}: no success answer (${codes.join(', ')})`)
      for (const range of ['4XX', '5XX']) {
        const error = operation.responses?.[range]?.content?.['application/json']?.schema
        if (!(error?.required as string[] | undefined)?.includes('code'))
          problems.push(`${method} ${url}: no ApiError answer for ${range}`)
      }
    }
    expect(problems).toEqual([])
    expect(Object.keys(doc.paths)).toContain('/sync/{planId}')
    expect(Object.keys(doc.paths['/sync/{planId}'].get.responses ?? {})).toContain('101')
  })

  it('serves Swagger UI from the package, under the Content Security Policy', async () => {
    const page = await fetch(`${server.url}/api/docs/static/index.html`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await page.text()
    expect(html).toContain('swagger-ui-bundle.js')
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)|<script(?![^>]*\bsrc=)[^>]*>\s*\S/)
  })
})
