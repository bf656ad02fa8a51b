import type { RoomPeer } from './room-peer.js'

/**
 * Where a change to a room's document or awareness came from, as the transaction origin, so
 * that "don't echo this back" and "don't persist this twice" are type checks.
 */
export type ChangeOrigin =
  /** Sent by one of this room's peers. */
  | { kind: 'peer'; peer: RoomPeer }
  /** Loaded from the plan log: already durable, nothing to relay. */
  | { kind: 'store' }
  /** Made by the server itself: an import, a restore, the presence of a peer that left. */
  | { kind: 'server' }
  /** Appended or published by another instance, delivered through the store's feed. */
  | { kind: 'feed' }

export const STORE_ORIGIN: ChangeOrigin = { kind: 'store' }
export const SERVER_ORIGIN: ChangeOrigin = { kind: 'server' }
export const FEED_ORIGIN: ChangeOrigin = { kind: 'feed' }
