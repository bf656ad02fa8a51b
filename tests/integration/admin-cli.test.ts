import { readFile } from 'node:fs/promises'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { documentEpochOf, overlayWeight } from '@tandem/shared'
import { runTandemCli } from '../support/cli-process.js'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import type { ServerProcess } from '../support/server-process.js'
import { startServerProcess } from '../support/server-process.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { EpochWriter } from '../support/epoch-writer.js'
import {
  allSaved,
  docWithClient,
  epochClosed,
  rebase,
  writeEdits,
} from '../support/epoch-writer.js'
import { requestToken } from '../support/test-server.js'

const ADMIN = { email: 'ops@example.com', password: 'a-long-admin-password' }
const GBK_FIXTURE = fileURLToPath(new URL('./fixtures/plan-gbk.csv', import.meta.url))

/** `pnpm tandem` run as a child process against the same store as a running server. */
describe.each(['sqlite', 'redis'] as const)(
  'pnpm tandem with %s, beside a running server',
  (kind) => {
    let redis: RedisServer | undefined
    let dataDir: string
    let env: Record<string, string>
    let server: ServerProcess
    const cli = async (...args: string[]) => runTandemCli(args, env)

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'tandem-cli-'))
      env = {
        DATA_DIR: dataDir,
        TANDEM_ADMIN_EMAIL: ADMIN.email,
        TANDEM_ADMIN_PASSWORD: ADMIN.password,
      }
      if (kind === 'redis') {
        redis = await startRedisServer()
        env.REDIS_URL = redis.url
      }
      server = await startServerProcess(env)
    })

    afterAll(async () => {
      await server?.stop()
      await redis?.stop()
      await rm(dataDir, { recursive: true, force: true })
    })

    const status = async (token: string) =>
      (await fetch(`${server.url}/api/plans`, { headers: { authorization: `Bearer ${token}` } }))
        .status
    const signIn = async (email: string, password: string) =>
      (
        await fetch(`${server.url}/api/tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        })
      ).status

    it(
      'creates a user with a generated password that signs in to the running server',
      { timeout: 120_000 },
      async () => {
        const run = await cli(
          'user',
          'create',
          '--email',
          'Li.Wei@Example.com',
          '--name',
          'Li Wei',
          '--role',
          'sales',
        )
        expect(run.stderr).toBe('')
        expect(run.code).toBe(0)
        const password = /Password \(shown once\): (\S+)/.exec(run.stdout)?.[1]
        expect(password).toBeDefined()
        const token = await requestToken(server.url, 'li.wei@example.com', password)
        expect(await status(token)).toBe(200)
        const me = await fetch(`${server.url}/api/me`, {
          headers: { authorization: `Bearer ${token}` },
        })
        expect(await me.json()).toMatchObject({
          user: { name: 'Li Wei', defaultRole: 'sales', isAdmin: false },
        })

        const again = await cli('user', 'create', '--email', 'li.wei@example.com', '--name', 'Li')
        expect(again.code).toBe(1)
        expect(again.stderr).toContain(
          '--email: a user with email li.wei@example.com already exists',
        )
      },
    )

    it(
      "resets the first admin's password: the new one signs in, the old token and password are refused",
      { timeout: 120_000 },
      async () => {
        const oldToken = await requestToken(server.url, ADMIN.email, ADMIN.password)
        expect(await status(oldToken)).toBe(200)
        const run = await cli('user', 'reset-password', ADMIN.email)
        expect(run.code, run.stderr).toBe(0)
        const password = /New password \(shown once\): (\S+)/.exec(run.stdout)?.[1] as string
        expect(password).toMatch(/^[\w-]{16}$/)
        expect(await status(oldToken)).toBe(401)
        expect(await signIn(ADMIN.email, ADMIN.password)).toBe(401)
        expect(await status(await requestToken(server.url, ADMIN.email, password))).toBe(200)
      },
    )

    it(
      'disables a user: their token is refused, their socket closes, they cannot sign in',
      { timeout: 120_000 },
      async () => {
        const token = await requestToken(server.url, 'viewer@demo.tandem', 'demo-password')
        expect(await status(token)).toBe(200)
        const socket = connectStockClient(server.url.replace('http', 'ws') + '/sync', 'demo', {
          token,
          reconnect: false,
        })
        await socket.synced()
        const run = await cli('user', 'disable', 'viewer@demo.tandem')
        expect(run.code, run.stderr).toBe(0)
        expect(await status(token)).toBe(401)
        // The server re-reads its connected users every 2 s and closes theirs with 4401.
        await waitFor(() => socket.closes.length > 0, 10_000, 'the socket to close')
        expect(socket.closes[0].code).toBe(4401)
        socket.destroy()
        expect(await signIn('viewer@demo.tandem', 'demo-password')).not.toBe(201)
        const list = await cli('users', 'list')
        expect(list.stdout).toMatch(/^viewer@demo\.tandem\tVic Viewer\tviewer\tdisabled$/m)
      },
    )

    it(
      'imports a plan the server then serves, lists it, and exports saved edits as CSV',
      { timeout: 120_000 },
      async () => {
        const imported = await cli(
          'plan',
          'import',
          GBK_FIXTURE,
          '--id',
          'from-cli',
          '--name',
          '饮料',
        )
        expect(imported.code, imported.stderr).toBe(0)
        expect(imported.stdout).toContain('Imported plan from-cli "饮料": 2 SKUs.')
        const list = await cli('plans', 'list')
        expect(list.stdout).toMatch(/^from-cli\t饮料\t2 SKUs\t/m)
        expect(list.stdout).toMatch(/^demo\t/m)

        const token = await requestToken(server.url, 'sales@demo.tandem', 'demo-password')
        const writer = connectStockClient(server.url.replace('http', 'ws') + '/sync', 'from-cli', {
          token,
          ext: true,
        })
        await writer.synced()
        expect(writer.plan.readRow('demand', 'TEA-02').slice(0, 4)).toEqual([12, 14, 16, 18])
        writer.plan.writeCell('demand', 'TEA-02', 2, 4321)
        const clock = Y.decodeStateVector(Y.encodeStateVector(writer.doc)).get(writer.doc.clientID)
        await waitFor(
          () =>
            writer.extensions.some(
              (m) =>
                m.type === 'saved' &&
                Y.decodeStateVector(m.stateVector).get(writer.doc.clientID) === clock,
            ),
          10_000,
          'saved',
        )
        writer.destroy()

        const file = join(dataDir, 'export.csv')
        const exported = await cli('plan', 'export', 'from-cli', file)
        expect(exported.code, exported.stderr).toBe(0)
        const csv = await readFile(file, 'utf8')
        expect(csv).toContain('TEA-02')
        expect(csv).toContain('4321')
        const xlsx = join(dataDir, 'export.xlsx')
        expect((await cli('plan', 'export', 'from-cli', xlsx)).code).toBe(0)
        expect((await readFile(xlsx)).subarray(0, 2).toString()).toBe('PK')
      },
    )

    it(
      'starts a new document epoch: the open board is closed with epochChanged, reloads and loses nothing',
      { timeout: 120_000 },
      async () => {
        const imported = await cli('plan', 'import', GBK_FIXTURE, '--id', 'epoch-cli')
        expect(imported.code, imported.stderr).toBe(0)
        const token = await requestToken(server.url, 'planner@demo.tandem', 'demo-password')
        let nextClient = 700
        const open = (skus: string[]): EpochWriter => ({
          client: connectStockClient(server.url.replace('http', 'ws') + '/sync', 'epoch-cli', {
            token,
            ext: true,
            doc: docWithClient(nextClient++),
            reconnect: false,
          }),
          pending: new Map(),
          skus,
        })
        const writer = open([])
        await writer.client.synced()
        for (const value of [111, 222])
          writeEdits(writer, [{ measure: 'demand', key: 'TEA-02', period: 2, value }])
        await waitFor(() => allSaved(writer.client), 10_000, 'saved')

        const run = await cli('plan', 'epoch', 'epoch-cli')
        expect(run.code, run.stderr).toBe(0)
        expect(run.stdout).toContain('Plan epoch-cli is at document epoch 1')

        // The board still holds the old document; its next edit is refused as of another epoch.
        writeEdits(writer, [{ measure: 'demand', key: 'TEA-02', period: 3, value: 333 }])
        await waitFor(() => epochClosed(writer.client), 10_000, 'closed with epochChanged')
        const next = await rebase(writer, open)
        await waitFor(() => allSaved(next.client), 10_000, 'the edit saved on the new epoch')
        next.client.destroy()

        const reader = open([])
        await reader.client.synced()
        expect(documentEpochOf(reader.client.doc)).toBe(1)
        expect(overlayWeight(reader.client.doc).items).toBe(1)
        expect(reader.client.plan.readRow('demand', 'TEA-02').slice(0, 4)).toEqual([
          12, 14, 222, 333,
        ])
        reader.client.destroy()
      },
    )

    it('names the argument that is wrong', { timeout: 120_000 }, async () => {
      const cases: [string[], string][] = [
        [['user', 'create', '--name', 'No Email'], '--email: give the email address'],
        [['user', 'create', '--email', 'x@example.com'], '--name: give the user a name'],
        [
          ['user', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'boss'],
          '--role: "boss" is not a role',
        ],
        [
          ['user', 'create', '--email', 'x@example.com', '--name', 'X', '--password', 'short'],
          '--password: a password needs 8',
        ],
        [
          ['user', 'reset-password', 'nobody@example.com'],
          'EMAIL: there is no user with email nobody@example.com',
        ],
        [['user', 'disable'], 'EMAIL: give the email address'],
        [
          ['plan', 'export', 'no-such-plan', '/tmp/x.csv'],
          'ID: there is no plan with id no-such-plan',
        ],
        [['plan', 'epoch'], 'ID: give the id of the plan'],
        [['plan', 'epoch', 'no-such-plan'], 'ID: there is no plan with id no-such-plan'],
        [['plan', 'export', 'demo', '/tmp/x.pdf'], 'FILE: /tmp/x.pdf must end in .xlsx or .csv'],
        [['plan', 'import', '/nonexistent/plan.csv'], 'FILE: /nonexistent/plan.csv cannot be read'],
        [['plans', 'list', '--force'], '--force: `plans list` takes no --force option'],
        [['plans', 'frobnicate'], 'COMMAND: "plans frobnicate" is not a command'],
      ]
      if (kind === 'redis')
        cases.push([
          ['backup', join(dataDir, 'b.db')],
          'REDIS_URL: backup works on the SQLite store; with Redis, use BGSAVE',
        ])
      // Each run starts a process; run them side by side.
      const runs = await Promise.all(cases.map(([args]) => cli(...args)))
      runs.forEach((run, n) => {
        const [args, message] = cases[n]
        expect(run.code, args.join(' ')).toBe(1)
        expect(run.stderr, args.join(' ')).toContain(`Error: ${message}`)
      })
    })
  },
)
