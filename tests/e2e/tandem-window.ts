import type { TandemDebugHandle } from '@tandem/shared'

/** The client's read-only debug handle (shared/src/api/debug-handle.ts), as tests see it. */
export type { TandemDebugHandle }

declare global {
  interface Window {
    __tandem?: TandemDebugHandle
  }
}
