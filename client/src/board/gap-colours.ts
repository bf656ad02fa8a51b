import type { GapKind } from '@tandem/shared'

/** Cell backgrounds by gap kind: light enough to read the number on. */
export const GAP_COLOURS: Record<GapKind, string> = {
  shortage: '#f9c9c9',
  belowSafetyStock: '#fde3b0',
  overCapacity: '#e4d1f6',
  excess: '#c9def8',
}

/** The same hues, strong, for legend swatches and text. */
export const GAP_INK: Record<GapKind, string> = {
  shortage: '#b42318',
  belowSafetyStock: '#a15c00',
  overCapacity: '#6b2fa8',
  excess: '#1f5fae',
}

export const READ_ONLY_BG = '#f4f5f7'
export const READ_ONLY_TEXT = '#6b7280'
export const FROZEN_BG = '#e9eef5'
export const FAMILY_BG = '#eef3f8'
/** A SKU the search box found, and the one it is on. */
export const SEARCH_BG = '#fff3a3'
export const SEARCH_CURRENT_BG = '#ffc94d'
