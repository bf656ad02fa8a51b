import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import type { MeetingMinutes, MeetingRecord, RecordLink } from '@tandem/shared'
import { exactRecordLink } from '@tandem/shared'
import { minutesSchema } from './minutes-schema.js'

const action: MeetingRecord = {
  id: 'r1',
  meetingId: 'm1',
  kind: 'action',
  text: 'Move 200 units to Shanghai',
  owner: 'ann',
  due: '2026-12-10',
  links: [
    { kind: 'cell', measure: 'supply', key: 'SKU-1', period: 3 },
    { kind: 'flag', id: 'flag-1' },
    { kind: 'thread', id: 'thread-1' },
  ],
  author: 'ann',
  at: '2026-12-03T10:00:00.000Z',
}

const minutes: MeetingMinutes = {
  meetingId: 'm1',
  startedAt: '2026-12-03T09:00:00.000Z',
  endedAt: '2026-12-03T10:30:00.000Z',
  startedBy: 'ann',
  endedBy: 'ann',
  presenter: 'ann',
  attendees: [{ id: 'ann', name: 'Ann' }],
  decisions: [],
  actions: [action],
  agenda: [],
  figures: {
    demand: 1,
    supply: 2,
    endingInventory: 3,
    gaps: { shortage: 0, belowSafetyStock: 0, overCapacity: 0, excess: 0 },
    openFlags: 0,
    revenuePlanned: 0,
    revenueAtRisk: 0,
    inventoryValue: 0,
    skus: 1,
    pricedSkus: 0,
  },
}

describe('minutesSchema', () => {
  it('serializes every kind of record link whole', async () => {
    const app = Fastify()
    app.get('/minutes', { schema: { response: { 200: minutesSchema } } }, async () => minutes)
    const answer = await app.inject({ method: 'GET', url: '/minutes' })
    await app.close()
    expect(answer.statusCode).toBe(200)
    expect(answer.json<MeetingMinutes>().actions[0]?.links).toEqual(action.links)
  })

  it('takes a link read from the document once exactRecordLink dropped what its kind lacks', async () => {
    const app = Fastify()
    const loose = [
      { kind: 'flag', id: 'flag-2', measure: 'supply' },
      { kind: 'cell', measure: 'demand', key: 'SKU-2', period: 1, id: 'x' },
    ] as unknown as RecordLink[]
    app.get('/minutes', { schema: { response: { 200: minutesSchema } } }, async () => ({
      ...minutes,
      actions: [{ ...action, links: loose.map(exactRecordLink) }],
    }))
    const answer = await app.inject({ method: 'GET', url: '/minutes' })
    await app.close()
    expect(answer.statusCode).toBe(200)
    expect(answer.json<MeetingMinutes>().actions[0]?.links).toEqual([
      { kind: 'flag', id: 'flag-2' },
      { kind: 'cell', measure: 'demand', key: 'SKU-2', period: 1 },
    ])
  })
})
