import { describe, expect, it } from 'vitest'
import { parseRoleMap, workspaceAccess } from './oidc-settings.js'

describe('parseRoleMap', () => {
  it('reads claim-value=role pairs, trimming spaces and allowing = in the value', () => {
    const map = parseRoleMap(' sop=planner , a=b=sales,it-admins=admin,')
    expect([...map]).toEqual([
      ['sop', 'planner'],
      ['a=b', 'sales'],
      ['it-admins', 'admin'],
    ])
    expect(parseRoleMap(undefined).size).toBe(0)
  })

  it('names the pair it cannot read and the roles it knows', () => {
    expect(() => parseRoleMap('sop=boss')).toThrow(
      'TANDEM_OIDC_ROLE_MAP: "sop=boss" must be claim-value=role, with a role among planner, sales, production, viewer, admin',
    )
    expect(() => parseRoleMap('=planner')).toThrow('"=planner"')
    expect(() => parseRoleMap('planner')).toThrow('"planner"')
  })
})

describe('workspaceAccess', () => {
  const own = { roleClaim: 'roles', roleMap: new Map() }
  const mapped = { roleClaim: 'groups', roleMap: parseRoleMap('g-sales=sales,g-admin=admin') }

  it('is undefined when the claim is absent, so the account keeps what it has', () => {
    expect(workspaceAccess({ email: 'a@b' }, own)).toBeUndefined()
    expect(workspaceAccess({ roles: null }, own)).toBeUndefined()
  })

  it("takes Tandem's own role names when no map is set, the strongest role winning", () => {
    expect(workspaceAccess({ roles: ['viewer', 'production', 'sales'] }, own)).toEqual({
      defaultRole: 'production',
      isAdmin: false,
    })
    expect(workspaceAccess({ roles: 'sales admin' }, own)).toEqual({
      defaultRole: 'sales',
      isAdmin: true,
    })
    expect(workspaceAccess({ roles: 'planner,viewer' }, own)?.defaultRole).toBe('planner')
  })

  it('maps values through the map only, ignoring unmapped ones', () => {
    expect(workspaceAccess({ groups: ['g-sales', 'planner'] }, mapped)).toEqual({
      defaultRole: 'sales',
      isAdmin: false,
    })
    expect(workspaceAccess({ groups: ['g-admin'] }, mapped)).toEqual({
      defaultRole: null,
      isAdmin: true,
    })
  })

  it('gives nothing for a present claim that matches nothing, or is not text', () => {
    expect(workspaceAccess({ roles: [] }, own)).toEqual({ defaultRole: null, isAdmin: false })
    expect(workspaceAccess({ roles: 42 }, own)).toEqual({ defaultRole: null, isAdmin: false })
    expect(workspaceAccess({ roles: [7, 'sales'] }, own)?.defaultRole).toBe('sales')
  })
})
