import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addMessage,
  readThreads,
  setThreadResolved,
  startThread,
} from '../comments/comment-thread.js'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import type { GapFlag } from '../flags/gap-flag.js'
import { createFlag, readFlags, updateFlag } from '../flags/gap-flag.js'
import { PlanDoc } from '../plan-doc.js'
import type { UpdateCheck } from './check-update.js'
import { checkUpdate } from './check-update.js'
import type { Role } from './role.js'

const NOW = '2026-11-27T10:00:00.000Z'
const ANCHOR = { measure: 'projected' as const, key: 'SKU-00001', period: 3 }

/** A server document and one client per person, kept in sync through `send`. */
function meeting() {
  const server = createPlanDoc(demoPlan({ skuCount: 3, periodCount: 6, seed: 9 }))
  const join = () => {
    const plan = new PlanDoc(new Y.Doc())
    Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(server.doc))
    return plan
  }
  const people = { vic: join(), sam: join(), pat: join(), paula: join() }
  const roles: Record<keyof typeof people, Role> = {
    vic: 'viewer',
    sam: 'sales',
    pat: 'production',
    paula: 'planner',
  }
  /** Makes a change as one person and sends it to the server; accepted changes reach everyone. */
  const send = (who: keyof typeof people, change: (plan: PlanDoc) => void): UpdateCheck => {
    const plan = people[who]
    const before = Y.encodeStateVector(plan.doc)
    change(plan)
    const update = Y.encodeStateAsUpdate(plan.doc, before)
    const verdict = checkUpdate(server.doc, update, { role: roles[who], userId: who })
    if (verdict.ok) {
      Y.applyUpdate(server.doc, update)
      for (const other of Object.values(people)) Y.applyUpdate(other.doc, update)
    } else {
      people[who] = join()
    }
    return verdict
  }
  return { server, people, send }
}

function codeOf(verdict: UpdateCheck): string | undefined {
  return verdict.ok ? undefined : verdict.violation.code
}

const flag = (overrides: Partial<GapFlag> = {}): GapFlag => ({
  id: 'flag-1',
  kind: 'shortage',
  severity: 'high',
  owner: 'pat',
  dueDate: '2026-12-15',
  status: 'open',
  cells: [ANCHOR],
  threadId: 'thread-1',
  note: '',
  createdBy: 'paula',
  createdAt: NOW,
  ...overrides,
})

describe('comments', () => {
  it('lets a viewer start a thread and others reply, each in their own name', () => {
    const { server, send } = meeting()
    const started = send('vic', (plan) => {
      const body = startThread(
        plan,
        { id: 'thread-1', anchor: ANCHOR, author: 'vic', now: NOW },
        { id: 'm1' },
      )
      body.insert(0, 'Why the shortage in March? 为什么三月缺货？')
    })
    expect(started).toMatchObject({ ok: true })
    const replied = send('sam', (plan) => {
      const body = addMessage(plan, 'thread-1', {
        id: 'm2',
        author: 'sam',
        now: NOW,
        mentions: ['pat'],
      })
      body.insert(0, 'A promotion moved forward; @Pat can you add supply?', { bold: true })
    })
    expect(replied).toMatchObject({ ok: true })
    const [thread] = readThreads(server)
    expect(thread.messages.map((m) => [m.author, m.body.toString().length > 0])).toEqual([
      ['vic', true],
      ['sam', true],
    ])
    expect(thread.messages[1].mentions).toEqual(['pat'])
  })

  it('rejects a thread or message written in someone else name', () => {
    const { send } = meeting()
    expect(
      codeOf(
        send('vic', (plan) =>
          startThread(plan, { id: 't', anchor: ANCHOR, author: 'sam', now: NOW }, { id: 'm' }),
        ),
      ),
    ).toBe('badValue')
    send('vic', (plan) =>
      startThread(plan, { id: 't', anchor: ANCHOR, author: 'vic', now: NOW }, { id: 'm' }),
    )
    expect(
      codeOf(send('sam', (plan) => addMessage(plan, 't', { id: 'm2', author: 'vic', now: NOW }))),
    ).toBe('forbiddenRole')
  })

  it('lets only the author edit or delete a message', () => {
    const { send } = meeting()
    send('vic', (plan) =>
      startThread(plan, { id: 't', anchor: ANCHOR, author: 'vic', now: NOW }, { id: 'm' }).insert(
        0,
        'hello',
      ),
    )
    const bodyOf = (plan: PlanDoc) => readThreads(plan)[0].messages[0].body
    expect(codeOf(send('sam', (plan) => bodyOf(plan).insert(5, ' (edited by sam)')))).toBe(
      'forbiddenRole',
    )
    expect(codeOf(send('sam', (plan) => bodyOf(plan).delete(0, 2)))).toBe('forbiddenDeletion')
    expect(
      codeOf(
        send('paula', (plan) =>
          (readThreads(plan)[0].messages[0].body.parent as Y.Map<unknown>).set('deleted', true),
        ),
      ),
    ).toBe('forbiddenRole')
    expect(send('vic', (plan) => bodyOf(plan).insert(5, ' world'))).toMatchObject({ ok: true })
    expect(send('vic', (plan) => bodyOf(plan).delete(0, 6))).toMatchObject({ ok: true })
  })

  it('lets any editor resolve or reopen a thread, but not a viewer', () => {
    const { server, send } = meeting()
    send('vic', (plan) =>
      startThread(plan, { id: 't', anchor: ANCHOR, author: 'vic', now: NOW }, { id: 'm' }),
    )
    expect(codeOf(send('vic', (plan) => setThreadResolved(plan, 't', true, 'vic', NOW)))).toBe(
      'forbiddenRole',
    )
    expect(send('pat', (plan) => setThreadResolved(plan, 't', true, 'pat', NOW))).toMatchObject({
      ok: true,
    })
    expect(readThreads(server)[0].resolved).toBe(true)
    expect(send('sam', (plan) => setThreadResolved(plan, 't', false, 'sam', NOW))).toMatchObject({
      ok: true,
    })
    expect(codeOf(send('sam', (plan) => setThreadResolved(plan, 't', true, 'pat', NOW)))).toBe(
      'badValue',
    )
  })

  it('accepts http, https and mailto links and refuses javascript: ones', () => {
    const { send } = meeting()
    send('vic', (plan) =>
      startThread(plan, { id: 't', anchor: ANCHOR, author: 'vic', now: NOW }, { id: 'm' }),
    )
    const bodyOf = (plan: PlanDoc) => readThreads(plan)[0].messages[0].body
    expect(
      send('vic', (plan) => bodyOf(plan).insert(0, 'report', { link: 'https://example.com/r' })),
    ).toMatchObject({ ok: true })
    expect(
      codeOf(
        send('vic', (plan) => bodyOf(plan).insert(0, 'click', { link: 'javascript:alert(1)' })),
      ),
    ).toBe('badValue')
    expect(
      codeOf(
        send('vic', (plan) => {
          const link = new Y.XmlText()
          link.setAttribute('url', 'javascript:fetch("/api/users")')
          bodyOf(plan).insertEmbed(0, link)
        }),
      ),
    ).toBe('badValue')
    expect(codeOf(send('vic', (plan) => bodyOf(plan).insertEmbed(0, { image: 'x' })))).toBe(
      'badStructure',
    )
  })

  it('rejects a malformed thread', () => {
    const { send } = meeting()
    expect(codeOf(send('vic', (plan) => plan.comments.set('t', 'just a string')))).toBe(
      'badStructure',
    )
    expect(
      codeOf(
        send('vic', (plan) => {
          const thread = new Y.Map<unknown>()
          thread.set('anchor', { measure: 'nonsense', key: '../../etc' })
          plan.comments.set('t', thread)
        }),
      ),
    ).toBe('badValue')
    expect(codeOf(send('vic', (plan) => plan.comments.set('bad id!', new Y.Map())))).toBe(
      'badStructure',
    )
  })
})

describe('gap flags', () => {
  it('follows the flag from the planner to its owner', () => {
    const { server, send } = meeting()
    expect(codeOf(send('vic', (plan) => createFlag(plan, flag({ createdBy: 'vic' }))))).toBe(
      'forbiddenRole',
    )
    expect(send('paula', (plan) => createFlag(plan, flag()))).toMatchObject({ ok: true })
    expect(
      send('pat', (plan) => updateFlag(plan, 'flag-1', { status: 'inProgress' })),
    ).toMatchObject({ ok: true })
    expect(codeOf(send('pat', (plan) => updateFlag(plan, 'flag-1', { severity: 'low' })))).toBe(
      'forbiddenRole',
    )
    expect(codeOf(send('sam', (plan) => updateFlag(plan, 'flag-1', { status: 'resolved' })))).toBe(
      'forbiddenRole',
    )
    expect(send('pat', (plan) => updateFlag(plan, 'flag-1', { status: 'resolved' }))).toMatchObject(
      { ok: true },
    )
    expect(readFlags(server)[0]).toMatchObject({
      status: 'resolved',
      owner: 'pat',
      severity: 'high',
    })
  })

  it('checks flag values', () => {
    const { send } = meeting()
    expect(
      codeOf(
        send('paula', (plan) => createFlag(plan, flag({ kind: 'meteor' as GapFlag['kind'] }))),
      ),
    ).toBe('badValue')
    expect(codeOf(send('paula', (plan) => createFlag(plan, flag({ dueDate: 'next week' }))))).toBe(
      'badValue',
    )
    expect(codeOf(send('paula', (plan) => createFlag(plan, flag({ createdBy: 'sam' }))))).toBe(
      'badValue',
    )
  })

  it('lets the creator or a planner delete a flag, nobody else', () => {
    const { send } = meeting()
    send('sam', (plan) => createFlag(plan, flag({ createdBy: 'sam', owner: 'pat' })))
    expect(codeOf(send('pat', (plan) => plan.flags.delete('flag-1')))).toBe('forbiddenDeletion')
    expect(send('paula', (plan) => plan.flags.delete('flag-1'))).toMatchObject({ ok: true })
  })
})
