import type { CellPointer } from './cell-pointer.js'

/** A request to bring a cell into view and select it; a new object each time it is asked. */
export interface JumpRequest {
  pointer: CellPointer
}
