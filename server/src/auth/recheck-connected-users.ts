import type { RoomRegistry } from '../rooms/room-registry.js'
import type { Accounts } from '../store/accounts.js'
import { planRole } from './plan-access.js'

/** How often an instance sharing its store looks again at the access of its connected users. */
export const ACCESS_RECHECK_MS = 2_000

/**
 * Re-reads every connected user and closes the connections whose access, role or session
 * version changed. An
 * admin's change runs `recheckUser` only on the instance that served it; instances that share
 * the store (Redis) learn of it here.
 */
export async function recheckConnectedUsers(
  rooms: RoomRegistry,
  accounts: Accounts,
): Promise<void> {
  for (const userId of rooms.connectedUsers()) {
    const user = await accounts.getUser(userId)
    await rooms.recheckUser(
      userId,
      async (planId) => (user ? planRole(accounts, user, planId) : undefined),
      user?.sessionVersion,
    )
  }
}
