/** What the board groups SKU rows by, each group with its roll-up rows. */
export const GROUPINGS = ['family', 'site', 'resource'] as const

export type Grouping = (typeof GROUPINGS)[number]
