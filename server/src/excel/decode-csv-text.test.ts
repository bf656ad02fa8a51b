import { describe, expect, it } from 'vitest'
import { decodeCsvText } from './decode-csv-text.js'

// 物料 A,需求 in GBK, as Excel in a Chinese locale saves it.
const GBK = Buffer.from([0xce, 0xef, 0xc1, 0xcf, 0x20, 0x41, 0x2c, 0xd0, 0xe8, 0xc7, 0xf3])

describe('decodeCsvText', () => {
  it('reads each supported encoding', () => {
    const text = '物料 A,需求'
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const utf16be = Buffer.from(utf16le).swap16()
    expect(decodeCsvText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' })
    expect(decodeCsvText(Buffer.from(`\uFEFF${text}`))).toEqual({ text, encoding: 'utf-8' })
    expect(decodeCsvText(utf16le)).toEqual({ text, encoding: 'utf-16le' })
    expect(decodeCsvText(utf16be)).toEqual({ text, encoding: 'utf-16be' })
    expect(decodeCsvText(GBK)).toEqual({ text, encoding: 'gb18030' })
  })

  it('refuses bytes that are text in none of them', () => {
    expect(decodeCsvText(Buffer.from([0x41, 0xff, 0xff, 0x42]))).toBeUndefined()
  })
})
