/** The servers under test. */
export const SERVER_KINDS = [
  'tandem-sqlite',
  'tandem-redis',
  'y-websocket-server',
  'hocuspocus',
] as const

export type ServerKind = (typeof SERVER_KINDS)[number]

export function isServerKind(value: string): value is ServerKind {
  return (SERVER_KINDS as readonly string[]).includes(value)
}
