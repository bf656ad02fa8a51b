import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { MeetingEndResult, MeetingRecord, PlanVersion } from '@tandem/shared'
import {
  changeSession,
  meetingMap,
  readMeeting,
  readSession,
  startMeeting,
  writeAttendance,
  writeRecord,
} from '@tandem/shared'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

describe('the live meeting over a real server: who starts, records and ends it', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  const clients: StockClient[] = []

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store, { restRateLimit: 100_000 })
  })

  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server.close()
    await cleanup()
  })

  const connect = async (account: TestAccount, planId: string) => {
    const client = connectStockClient(server.syncUrl, planId, {
      token: server.tokens[account],
      ext: true,
      reconnect: false,
    })
    clients.push(client)
    await client.synced()
    return client
  }

  /** Sends one edit and waits for the server's answer: saved, or the rejection. */
  const attempt = async (client: StockClient, edit: () => void) => {
    const seen = client.extensions.length
    client.doc.transact(edit)
    const clock = Y.decodeStateVector(Y.encodeStateVector(client.doc)).get(client.doc.clientID)
    await waitFor(
      () =>
        client.extensions
          .slice(seen)
          .some(
            (m) =>
              m.type === 'rejected' ||
              (m.type === 'saved' &&
                Y.decodeStateVector(m.stateVector).get(client.doc.clientID) === clock),
          ),
      5000,
      'an answer to the edit',
    )
    const rejected = client.extensions.slice(seen).find((m) => m.type === 'rejected')
    return rejected?.type === 'rejected'
      ? { code: rejected.code, reason: rejected.reason }
      : 'saved'
  }

  const end = async (account: TestAccount, planId: string) => {
    const response = await fetch(`${server.url}/api/plans/${planId}/meeting/end`, {
      method: 'POST',
      headers: server.headers(account),
    })
    return { status: response.status, body: (await response.json()) as unknown }
  }

  const record = (author: string, overrides: Partial<MeetingRecord> = {}): MeetingRecord => ({
    id: 'r-1',
    meetingId: 'm-1',
    kind: 'decision',
    text: 'Add a Saturday shift on line 2',
    owner: '',
    due: '',
    links: [],
    author,
    at: new Date().toISOString(),
    ...overrides,
  })

  it('lets only a planner start it, in their own name, and only listed roles record', async () => {
    const planId = await createPlan(server, { skuCount: 3, periodCount: 6 })
    const { planner: pat, sales: sam, production: pia } = server.users
    const at = new Date().toISOString()
    const sales = await connect('sales', planId)
    const start = (doc: Y.Doc, userId: string) =>
      startMeeting(doc, { id: 'm-1', userId, at, recorders: [], items: [] })
    expect(await attempt(sales, () => start(sales.doc, sam.id))).toMatchObject({
      code: 'forbiddenRole',
      reason: expect.stringMatching(/^Only a planner may start the meeting/),
    })
    const planner = await connect('planner', planId)
    expect(await attempt(planner, () => start(planner.doc, sam.id))).toMatchObject({
      code: 'badValue',
      reason: expect.stringMatching(/^startedBy must be you/),
    })
    const planner2 = await connect('planner', planId)
    expect(await attempt(planner2, () => start(planner2.doc, pat.id))).toBe('saved')

    const seller = await connect('sales', planId)
    await waitFor(() => readSession(seller.doc)?.status === 'running', 5000, 'meeting live')
    expect(await attempt(seller, () => writeRecord(seller.doc, record(sam.id)))).toMatchObject({
      code: 'forbiddenRole',
      reason: 'A sales may not record decisions in this meeting',
    })
    const chair = await connect('planner', planId)
    const session = readSession(chair.doc)!
    expect(
      await attempt(chair, () => changeSession(chair.doc, session, { recorders: ['sales'] })),
    ).toBe('saved')

    const seller2 = await connect('sales', planId)
    expect(await attempt(seller2, () => writeRecord(seller2.doc, record(pia.id)))).toMatchObject({
      code: 'badValue',
      reason: 'author must be you: no one records in another name',
    })
    const seller3 = await connect('sales', planId)
    const action = record(sam.id, { id: 'r-2', kind: 'action', owner: pia.id, due: '2026-12-11' })
    expect(await attempt(seller3, () => writeRecord(seller3.doc, action))).toBe('saved')
    expect(
      await attempt(seller3, () => writeAttendance(seller3.doc, 'm-1', pia.id, at)),
    ).toMatchObject({ code: 'forbiddenRole' })
    const viewer = await connect('viewer', planId)
    expect(
      await attempt(viewer, () => writeAttendance(viewer.doc, 'm-1', server.users.viewer.id, at)),
    ).toBe('saved')
    await waitFor(() => readMeeting(chair.doc).records.length === 1, 5000, 'the action relayed')
    expect(readMeeting(chair.doc).records[0]).toMatchObject({ author: sam.id, owner: pia.id })
  })

  it('is ended only through the end route, by a planner, which publishes the minutes', async () => {
    const planId = await createPlan(server, { skuCount: 3, periodCount: 6 })
    const { planner: pat, sales: sam } = server.users
    const planner = await connect('planner', planId)
    expect(
      await attempt(planner, () =>
        startMeeting(planner.doc, {
          id: 'm-1',
          userId: pat.id,
          at: new Date().toISOString(),
          recorders: ['sales'],
          items: [],
        }),
      ),
    ).toBe('saved')
    const session = readSession(planner.doc)!
    const ended = await attempt(planner, () =>
      meetingMap(planner.doc).set('session', { ...session, status: 'ended' }),
    )
    expect(ended).toMatchObject({ code: 'forbiddenRole' })
    const sales = await connect('sales', planId)
    expect(await attempt(sales, () => writeRecord(sales.doc, record(sam.id)))).toBe('saved')

    expect((await end('sales', planId)).status).toBe(403)
    const answer = await end('planner', planId)
    expect(answer.status).toBe(200)
    const result = answer.body as MeetingEndResult
    expect(result.minutes).toMatchObject({
      meetingId: 'm-1',
      endedBy: pat.id,
      decisions: [{ author: sam.id, text: 'Add a Saturday shift on line 2' }],
      attendees: expect.arrayContaining([{ id: sam.id, name: sam.name }]),
    })
    expect((await end('planner', planId)).body).toMatchObject({ code: 'conflict' })
    await waitFor(() => readSession(sales.doc)?.status === 'ended', 5000, 'the end relayed')
    expect(
      await attempt(sales, () => writeRecord(sales.doc, record(sam.id, { id: 'r-9' }))),
    ).toMatchObject({ code: 'forbiddenRole' })

    const listed = await fetch(`${server.url}/api/plans/${planId}/versions`, {
      headers: server.headers('viewer'),
    })
    const { versions } = (await listed.json()) as { versions: PlanVersion[] }
    expect(versions).toEqual([
      expect.objectContaining({ id: result.versionId, kind: 'consensus', minutes: result.minutes }),
    ])
  })
})
