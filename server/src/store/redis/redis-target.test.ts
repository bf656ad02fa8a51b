import { describe, expect, it } from 'vitest'
import { parseRedisTarget, redact } from './redis-target.js'

describe('parseRedisTarget', () => {
  it('takes one URL as one server, and several as the seed nodes of a cluster', () => {
    expect(parseRedisTarget('redis://127.0.0.1:6379')).toEqual({
      urls: ['redis://127.0.0.1:6379'],
      cluster: false,
    })
    expect(parseRedisTarget(' redis://a:7000 , redis://b:7001,')).toEqual({
      urls: ['redis://a:7000', 'redis://b:7001'],
      cluster: true,
    })
    expect(parseRedisTarget('rediss://a:7000', true)).toEqual({
      urls: ['rediss://a:7000'],
      cluster: true,
    })
  })

  it('names the entry that is wrong, without its password', () => {
    expect(() => parseRedisTarget('')).toThrow('REDIS_URL lists no Redis URL')
    expect(() => parseRedisTarget('redis://a:1,http://u:secret@b:2')).toThrow(
      'REDIS_URL: "http://u:***@b:2" must start with redis:// or rediss://',
    )
    expect(() => parseRedisTarget('redis://a:1,b:2:3')).toThrow(/"b:2:3"/)
    expect(() => parseRedisTarget('redis://a:1/2,redis://b:2')).toThrow(
      /names a database; Redis Cluster has only 0/,
    )
    expect(parseRedisTarget('redis://a:1/2').cluster).toBe(false)
  })

  it('hides passwords', () => {
    expect(redact('redis://default:hunter2@host:6379')).toBe('redis://default:***@host:6379')
    expect(redact('redis://host:6379')).toBe('redis://host:6379')
  })
})
