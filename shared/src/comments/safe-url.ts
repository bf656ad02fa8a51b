/** Link schemes a comment may carry. Anything else (javascript:, data:, vbscript:) is refused. */
export const SAFE_URL_SCHEMES = ['http:', 'https:', 'mailto:'] as const

const SAFE_URL = /^(?:https?:\/\/[^\s\\/?#@]+(?:[/?#][^\s]*)?|mailto:[^\s/]+@[^\s]+)$/i

/**
 * True when `value` is an absolute http, https or mailto URL with no whitespace or control
 * characters, so that browsers cannot reinterpret it as another scheme.
 */
export function isSafeUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return false
  return SAFE_URL.test(value)
}
