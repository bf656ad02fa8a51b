import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { integrationProblem } from './integration-problem.js'

function docWith(clientID: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  return doc
}

const sync = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))

describe('integrationProblem', () => {
  it('accepts an honest update of two clients whose edits build on each other', () => {
    const server = docWith(1)
    const x = docWith(10)
    const y = docWith(11)
    x.getArray('list').insert(0, ['a'])
    sync(x, y)
    y.getArray('list').insert(1, ['b'])
    sync(y, x)
    x.getArray('list').insert(2, ['c'])
    sync(x, y)
    y.getMap('map').set('k', 1)
    x.getMap('map').set('k', 2)
    // What x sends after both worked offline: 10's section needs 11's struct in between.
    const update = Y.encodeStateAsUpdate(x, Y.encodeStateVector(server))
    expect(integrationProblem(server, Y.decodeUpdate(update).structs)).toBeUndefined()
    Y.applyUpdate(server, update)
    expect(server.store.pendingStructs).toBeNull()
    expect(server.getArray('list').toArray()).toEqual(['a', 'b', 'c'])
  })

  it('refuses a struct naming its own client’s later struct, and two clients waiting on each other', () => {
    const server = docWith(1)
    const x = docWith(10)
    x.getArray('list').insert(0, ['a', 'b'])
    x.getArray('list').insert(0, ['c'])
    const structs = Y.decodeUpdate(Y.encodeStateAsUpdate(x)).structs as Y.Item[]
    const [first, second] = structs
    first.rightOrigin = Y.createID(10, second.id.clock)
    expect(integrationProblem(server, structs)).toBe('order')
    const other = new Y.Item(
      Y.createID(20, 0),
      null,
      Y.createID(10, 0),
      null,
      null,
      null,
      null,
      new Y.ContentAny([1]),
    )
    const waiting = Y.decodeUpdate(Y.encodeStateAsUpdate(x)).structs as Y.Item[]
    waiting[0].rightOrigin = Y.createID(20, 0)
    waiting[0].parent = null
    expect(integrationProblem(server, [...waiting, other])).toBe('order')
    const unknown = Y.decodeUpdate(Y.encodeStateAsUpdate(x)).structs as Y.Item[]
    unknown[0].origin = Y.createID(30, 5)
    expect(integrationProblem(server, unknown)).toBe('missing')
  })
})
