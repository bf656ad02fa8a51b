import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES } from '../../server/src/config.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const read = (path: string) => readFileSync(`${ROOT}/${path}`, 'utf8')

/**
 * Docker cannot run where Tandem is developed, so the Dockerfile and compose.yaml are checked
 * against what does run: the commands of CI (.ci/run) and the scripts, the Node version the
 * packages require, and the settings the server reads.
 */
describe('the container files follow what CI runs', () => {
  const dockerfile = read('Dockerfile')
  const compose = read('compose.yaml')
  const runCommands = [...dockerfile.matchAll(/^RUN (.+)$/gm)].map((match) => match[1])

  it('installs the pnpm that CI, the scripts and packageManager name', () => {
    const ci = /npm i -g pnpm@(\S+)/.exec(read('.ci/run'))?.[1]
    const script = /PNPM_VERSION=(\S+)/.exec(read('scripts/ensure-pnpm.sh'))?.[1]
    const manager = (JSON.parse(read('package.json')) as { packageManager: string }).packageManager
    expect(ci).toBeDefined()
    expect(script).toBe(ci)
    expect(manager).toBe(`pnpm@${ci}`)
    expect(runCommands).toContain(`npm i -g pnpm@${ci}`)
    expect(runCommands.filter((command) => command.startsWith('npm i -g pnpm@'))).toEqual(
      runCommands.filter((command) => command === `npm i -g pnpm@${ci}`),
    )
  })

  it('installs with the lockfile and builds as scripts/start.sh does', () => {
    expect(read('scripts/start.sh')).toContain('pnpm install --frozen-lockfile')
    expect(read('scripts/test.sh')).toContain('pnpm install --frozen-lockfile')
    expect(runCommands).toContain('pnpm install --frozen-lockfile')
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts
      .start
    // `pnpm start` is `pnpm build && node server/dist/main.js`: the image runs the same two steps.
    expect(start).toBe('pnpm build && node server/dist/main.js')
    expect(runCommands).toContain('pnpm build')
    expect(dockerfile).toContain('CMD ["node", "server/dist/main.js"]')
  })

  it('uses the Node major the packages require, in both stages, and runs as a non-root user', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines
    const major = /(\d+)/.exec(engines.node)?.[1]
    const images = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1])
    expect(images).toHaveLength(2)
    for (const image of images) expect(image).toMatch(new RegExp(`^node:${major}-`))
    const users = [...dockerfile.matchAll(/^USER (\S+)$/gm)].map((match) => match[1])
    expect(users).toEqual(['node'])
    expect(dockerfile.lastIndexOf('USER node')).toBeGreaterThan(dockerfile.lastIndexOf('RUN '))
  })

  it('sets only variables the server reads, and the files compose.yaml mounts exist', () => {
    const names = new Set<string>(CONFIG_VARIABLES.map((variable) => variable.name))
    const set = [
      ...[...dockerfile.matchAll(/^\s+([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]),
      ...[...compose.matchAll(/^\s+([A-Z][A-Z0-9_]+): /gm)].map((match) => match[1]),
    ].filter((name) => name !== 'NODE_ENV')
    expect(set.length).toBeGreaterThan(5)
    for (const name of set) expect(names, name).toContain(name)
    for (const [, file] of compose.matchAll(/- \.\/([^\s:]+):/g))
      expect(existsSync(`${ROOT}/${file}`), file).toBe(true)
    // Both scaled instances share Redis and believe the proxy's X-Forwarded-For.
    expect(compose).toMatch(/REDIS_URL: redis:\/\/redis:6379/)
    expect(compose).toMatch(/TANDEM_TRUST_PROXY: \S+/)
    const upstreams = [...read('deploy/nginx.conf').matchAll(/server (tandem-\w):3000;/g)]
    expect(upstreams.map((match) => match[1])).toEqual(['tandem-a', 'tandem-b'])
  })
})
