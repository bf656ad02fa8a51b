import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Scenario } from '@tandem/shared'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

describe('roles and site scopes of a scenario are its base plan’s', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string

  const api = async <T = Record<string, unknown>>(
    account: TestAccount,
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...server.headers(account),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: response.status, body: (await response.json()) as T }
  }

  beforeEach(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    planId = await createPlan(server, { skuCount: 4, periodCount: 6 })
  })

  afterEach(async () => {
    await server.close()
    await cleanup()
  })

  it('refuses a role or scope addressed to a scenario id, naming the base, and stores nothing', async () => {
    const { scenario } = (
      await api<{ scenario: Scenario }>('planner', 'POST', `/api/plans/${planId}/scenarios`, {
        name: 'What if',
      })
    ).body
    const salesId = server.users.sales.id
    for (const account of ['planner', 'admin'] as const) {
      const role = await api<{ code: string; message: string; field: string }>(
        account,
        'PUT',
        `/api/plans/${scenario.id}/roles/${salesId}`,
        { role: 'viewer' },
      )
      expect(role.status).toBe(400)
      expect(role.body).toMatchObject({ code: 'badRequest', field: 'id' })
      expect(role.body.message).toContain(`scenario of plan ${planId}`)
      expect(role.body.message).toContain('roles')
      const scope = await api<{ message: string }>(
        account,
        'PUT',
        `/api/plans/${scenario.id}/scopes/${salesId}`,
        { sites: ['Hamburg'] },
      )
      expect(scope.status).toBe(400)
      expect(scope.body.message).toContain(`set them on ${planId}`)
      expect((await api(account, 'GET', `/api/plans/${scenario.id}/roles`)).status).toBe(400)
      expect((await api(account, 'GET', `/api/plans/${scenario.id}/scopes`)).status).toBe(400)
    }
    // A caller who may not manage the plan's roles learns nothing more than before.
    expect(
      (await api('sales', 'PUT', `/api/plans/${scenario.id}/roles/${salesId}`, { role: 'planner' }))
        .status,
    ).toBe(403)
    expect(await server.store.accounts.getPlanRoles(scenario.id)).toEqual({})
    expect(await server.store.accounts.getPlanSiteScopes(scenario.id)).toEqual({})

    // Set on the base, the role holds in the scenario.
    const onBase = await api('planner', 'PUT', `/api/plans/${planId}/roles/${salesId}`, {
      role: 'viewer',
    })
    expect(onBase.status).toBe(200)
    const inside = await api<{ role: string }>('sales', 'GET', `/api/plans/${scenario.id}`)
    expect(inside.body.role).toBe('viewer')
  })
})
