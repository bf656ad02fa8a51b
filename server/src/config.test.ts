import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES, parseConfig } from './config.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The README's configuration table, one `[variable, default, meaning]` per row. */
function readmeTable(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? ''
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    )
}

function expectedTable(): string[][] {
  return CONFIG_VARIABLES.map((variable) => [
    `\`${variable.name}\``,
    variable.default === undefined ? 'unset' : `\`${variable.default}\``,
    variable.meaning,
  ])
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path)
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

describe('configuration', () => {
  it('is documented in the README exactly as config.ts lists it', () => {
    const expected = expectedTable()
    const rendered = expected.map((row) => `| ${row.join(' | ')} |`).join('\n')
    expect(readmeTable(), `README.md's table should list, in this order:\n${rendered}`).toEqual(
      expected,
    )
  })

  it('reads only listed variables, with their defaults', () => {
    const source = readFileSync(fileURLToPath(new URL('./config.ts', import.meta.url)), 'utf8')
    const parser = source.slice(source.indexOf('export function parseConfig'))
    const read = new Set(
      [...parser.matchAll(/'([A-Z][A-Z_]+)'|env\.([A-Z][A-Z_]+)/g)].map((m) => m[1] ?? m[2]),
    )
    expect([...read].sort()).toEqual(CONFIG_VARIABLES.map((v) => v.name).sort())
    const config = parseConfig({})
    expect(config.port).toBe(3000)
    expect(config.socketRate).toEqual({ perSecond: 500, burst: 2000 })
    expect(config.updateBudget).toEqual({
      cellsPerSecond: 5000,
      cellsBurst: 20_000,
      bytesPerSecond: 1024 * 1024,
      bytesBurst: 8 * 1024 * 1024,
      backlogBytes: 4 * 1024 * 1024,
    })
    expect(config.redisUrl).toBeUndefined()
    expect(config.demo).toBe(true)
    expect(config.secureCookies).toBe(false)
    expect(config.clientDir).toBe(join(ROOT, 'client', 'dist'))
    expect(parseConfig({ TANDEM_SECURE_COOKIES: '1', TANDEM_DEMO: '0' })).toMatchObject({
      secureCookies: true,
      demo: false,
    })
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/)
  })

  it('reads TANDEM_TRUST_PROXY as Fastify takes trustProxy', () => {
    const trust = (value: string | undefined) =>
      parseConfig({ TANDEM_TRUST_PROXY: value }).trustProxy
    expect(trust(undefined)).toBe(false)
    expect(trust('false')).toBe(false)
    expect(trust('true')).toBe(true)
    expect(() => trust('2')).toThrow(/hop count "2", which Fastify ignores/)
    expect(trust('10.0.0.1, 192.168.0.0/16')).toEqual(['10.0.0.1', '192.168.0.0/16'])
  })

  it('turns single sign-on on with an issuer, and names what else it needs', () => {
    expect(parseConfig({}).oidc).toBeUndefined()
    const oidc = parseConfig({
      TANDEM_OIDC_ISSUER: 'https://login.example.com/tenant/v2.0',
      TANDEM_OIDC_CLIENT_ID: 'tandem',
      TANDEM_OIDC_CLIENT_SECRET: 'shh',
      TANDEM_OIDC_ROLE_MAP: 'planners=planner',
    }).oidc
    expect(oidc).toMatchObject({
      issuer: 'https://login.example.com/tenant/v2.0',
      clientId: 'tandem',
      clientSecret: 'shh',
      redirectUrl: undefined,
      scopes: 'openid email profile',
      roleClaim: 'roles',
      label: 'Single sign-on',
    })
    expect([...(oidc?.roleMap ?? [])]).toEqual([['planners', 'planner']])
    expect(() => parseConfig({ TANDEM_OIDC_ISSUER: 'https://login.example.com' })).toThrow(
      'TANDEM_OIDC_ISSUER is set, so single sign-on also needs TANDEM_OIDC_CLIENT_ID and TANDEM_OIDC_CLIENT_SECRET',
    )
    expect(() =>
      parseConfig({
        TANDEM_OIDC_ISSUER: 'login.example.com',
        TANDEM_OIDC_CLIENT_ID: 'a',
        TANDEM_OIDC_CLIENT_SECRET: 'b',
      }),
    ).toThrow('TANDEM_OIDC_ISSUER must be a URL (got "login.example.com")')
  })

  it('is the only server, shared or client source that reads process.env', () => {
    const readers = ['server/src', 'shared/src', 'client/src']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .filter((path) => readFileSync(path, 'utf8').includes('process.env'))
      .map((path) => path.slice(ROOT.length))
    expect(readers).toEqual(['server/src/config.ts'])
  })
})
