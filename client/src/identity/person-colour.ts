/** Colours that read well as outlines on white and as 20% shading, in the order people get them. */
export const PERSON_COLOURS = [
  '#d9480f',
  '#1971c2',
  '#2f9e44',
  '#ae3ec9',
  '#e67700',
  '#0c8599',
  '#c2255c',
  '#5f3dc4',
  '#364fc7',
  '#087f5b',
  '#a61e4d',
  '#5c940d',
] as const

/** A stable colour for a name, so a person keeps their colour across reloads. */
export function personColour(name: string): string {
  let hash = 0
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0
  return PERSON_COLOURS[hash % PERSON_COLOURS.length]
}

/** The colour with an alpha channel, for shading a remote selection. */
export function shade(colour: string, alpha: number): string {
  const value = Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0')
  return `${colour}${value}`
}
