import type { CloseReason, ExtensionMessage, Role, RuleViolation } from '@tandem/shared'

/**
 * The room's port to one of its peers (a socket, or an in-memory peer in tests). The room only
 * ever talks to a peer through this interface; whoever implements it imports the room, never
 * the reverse. Messages are y-websocket messages, encoded by the room.
 */
export interface RoomPeer {
  /** The user on the other end: the clientIDs and presence the peer writes are bound to them. */
  readonly userId: string
  /** The user's role in this plan, fixed for the peer's life (a role change closes the peer). */
  readonly role: Role
  /**
   * The sites the user's role is scoped to in this plan, fixed for the peer's life (a scope
   * change closes the peer); undefined for every site.
   */
  readonly sites?: readonly string[]
  /** The session version of the token the peer was admitted with (see Accounts). */
  readonly sessionVersion: number
  /** Sends one y-websocket message. A peer that cannot keep up closes itself. */
  send(message: Uint8Array): void
  /**
   * Resolves once every message sent so far has left for the network (or the peer closed), so
   * that the room can start a long computation without holding a large answer back.
   */
  drained(): Promise<void>
  /** Runs `write` with this peer's outgoing messages held, so that they leave together. */
  batch(write: () => void): void
  /** Everything the room holds up to `stateVector` is durable, including this peer's updates. */
  saved(stateVector: Uint8Array): void
  /** An update from this peer broke a rule and was not applied; the peer then closes. */
  rejected(violation: RuleViolation): void
  /** Sends one of the server's notices (a forecast run's progress), if the peer asked for them. */
  notify(message: ExtensionMessage): void
  /** Ends the peer with a named close code; it leaves the room. */
  close(reason: CloseReason, text?: string): void
  /** Called every heartbeat interval: a peer whose other end stopped answering ends itself. */
  heartbeat(): void
}
