import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import { callApi, createUserWithToken } from './support/http.js'

/**
 * State-changing REST routes take JSON (or an upload) from this server's own pages only, and
 * plan creation in every form needs the right to create plans (issue 11, REST).
 */
describe('REST: bodies, origins and who may create plans', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    planId = await createPlan(server, { skuCount: 2, periodCount: 4, seed: 1 })
  })

  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  const publish = (headers: Record<string, string>, body: string, id: string) =>
    fetch(`${server.url}/api/plans/${planId}/versions`, {
      method: 'POST',
      headers: { ...server.headers('planner'), ...headers },
      body: body.replace('ID', id),
    })

  it('refuses a text/plain body (a simple cross-site form post) with 415 and changes nothing', async () => {
    const answer = await publish(
      { 'content-type': 'text/plain' },
      '{"id":"ID","name":"x"}',
      'v-text',
    )
    expect(answer.status).toBe(415)
    expect(await answer.json()).toMatchObject({ code: 'unsupportedMediaType' })
    const urlencoded = await publish(
      { 'content-type': 'application/x-www-form-urlencoded' },
      'id=ID&name=x',
      'v-form',
    )
    expect(urlencoded.status).toBe(415)
    const versions = await callApi(server.url, 'GET', `/api/plans/${planId}/versions`, {
      headers: server.headers('planner'),
    })
    expect(JSON.stringify(versions.body)).not.toMatch(/v-text|v-form/)
  })

  it('refuses a state change from another origin, or a cross-site fetch without Origin', async () => {
    const json = { 'content-type': 'application/json' }
    const evil = await publish(
      { ...json, origin: 'https://evil.example' },
      '{"id":"ID","name":"x"}',
      'v-evil',
    )
    expect(evil.status).toBe(403)
    expect(await evil.json()).toMatchObject({ code: 'originNotAllowed' })
    const crossSite = await publish(
      { ...json, 'sec-fetch-site': 'cross-site' },
      '{"id":"ID","name":"x"}',
      'v-cross',
    )
    expect(crossSite.status).toBe(403)
    const own = await publish({ ...json, origin: server.url }, '{"id":"ID","name":"x"}', 'v-own')
    expect(own.status).toBe(201)
    const script = await publish(json, '{"id":"ID","name":"x"}', 'v-script')
    expect(script.status).toBe(201)
  })

  it('a planner of one plan without a workspace role may not roll it forward into a new plan', async () => {
    const local = await createUserWithToken(server.url, server.headers('admin'), {
      email: 'local-planner@test.tandem',
      defaultRole: null,
    })
    const assigned = await callApi(server.url, 'PUT', `/api/plans/${planId}/roles/${local.id}`, {
      headers: server.headers('admin'),
      body: { role: 'planner' },
    })
    expect(assigned.status).toBeLessThan(300)
    const body = { versionId: 'v-own', periods: 1, name: 'Next' }
    const refused = await callApi(server.url, 'POST', `/api/plans/${planId}/roll-forward`, {
      headers: { authorization: `Bearer ${local.token}` },
      body: { ...body, id: 'rolled-by-local' },
    })
    expect(refused.status).toBe(403)
    const missing = await callApi(server.url, 'GET', '/api/plans/rolled-by-local', {
      headers: server.headers('admin'),
    })
    expect(missing.status).toBe(404)
    const allowed = await callApi(server.url, 'POST', `/api/plans/${planId}/roll-forward`, {
      headers: server.headers('planner'),
      body: { ...body, id: 'rolled-by-planner' },
    })
    expect(allowed.status).toBe(201)
  })
})
