/** The one pattern every identifier must match before it reaches a store key, SQL or a path. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/

/** True when `value` is a safe identifier for plans, users, SKUs and resources. */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value)
}
