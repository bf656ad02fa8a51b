/** A fresh id for a thread, message or flag that matches the shared id pattern. */
export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`
}
