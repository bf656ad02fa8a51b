import type { BoardLink } from './board-link.js'
import { boardLinkUrl } from './board-link.js'

/** The URL of a place on the board open in this page. */
export function boardLinkHere(link: BoardLink): string {
  return boardLinkUrl(`${location.origin}${location.pathname}`, link)
}

/** Puts the URL of a place on the board open in this page on the clipboard. */
export function copyBoardLink(link: BoardLink): Promise<void> {
  return navigator.clipboard.writeText(boardLinkHere(link))
}
