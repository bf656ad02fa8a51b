import { describe, expect, it } from 'vitest'
import { decodeAppendNotice, encodeAppendNotice, INLINE_NOTICE_BYTES } from './append-notice.js'

describe('append notices', () => {
  it('carries small entries and the position they follow, byte for byte', () => {
    const notice = {
      previousSeq: '1700000000000-3',
      documentEpoch: 2,
      entries: [
        {
          seq: '1700000000001-0',
          author: 'user-1',
          at: '2026-12-08T03:00:00.000Z',
          update: new Uint8Array([1, 2, 3]),
        },
        {
          seq: '1700000000001-1',
          author: '销售-2',
          at: '2026-12-08T03:00:00.000Z',
          update: new Uint8Array(300).fill(9),
        },
      ],
    }
    const message = encodeAppendNotice(notice)
    expect(message).toBeDefined()
    expect(decodeAppendNotice(message!)).toEqual(notice)
  })

  it('is left bare when the entries are too large to carry, and a bare id decodes as none', () => {
    const large = new Uint8Array(INLINE_NOTICE_BYTES + 1)
    const notice = {
      previousSeq: '',
      documentEpoch: 0,
      entries: [{ seq: '1-0', author: 'user-1', at: 'now', update: large }],
    }
    expect(encodeAppendNotice(notice)).toBeUndefined()
    expect(decodeAppendNotice(Buffer.from('1700000000001-0'))).toBeUndefined()
  })
})
