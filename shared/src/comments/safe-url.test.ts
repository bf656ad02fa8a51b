import { describe, expect, it } from 'vitest'
import { isSafeUrl } from './safe-url.js'

describe('isSafeUrl', () => {
  it('accepts http, https and mailto links', () => {
    for (const url of [
      'https://example.com',
      'http://intranet.local:8080/a?b=c#d',
      'mailto:ops@example.com',
      'HTTPS://EXAMPLE.COM/x',
    ]) {
      expect(isSafeUrl(url)).toBe(true)
    }
  })

  it('refuses scripts, data, relative links and disguised schemes', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      '/relative/path',
      '//evil.example.com',
      'https://',
      'https://a b.com',
      'mailto:',
      42,
      null,
    ]) {
      expect(isSafeUrl(url)).toBe(false)
    }
  })
})
