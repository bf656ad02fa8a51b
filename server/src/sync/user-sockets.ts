/** How many sync sockets one user may hold: in all, and in one plan. */
export interface SocketCaps {
  perUser: number
  perUserPlan: number
}

/** The caps when none are configured (`TANDEM_SOCKETS_PER_USER`, `TANDEM_SOCKETS_PER_USER_PLAN`). */
export const DEFAULT_SOCKET_CAPS: Readonly<SocketCaps> = { perUser: 64, perUserPlan: 16 }

/** A socket admitted under the caps: `release` gives its place back when it closes. */
export type SocketAdmission = { ok: true; release: () => void } | { ok: false; reason: string }

/**
 * Counts each user's open sync sockets on this instance, in all and per plan, and refuses the
 * next one beyond a cap, so that one account cannot hold thousands of sockets (each with its
 * own buffers and rate budget). A cap of 0 means none.
 */
export class UserSockets {
  private readonly perUser = new Map<string, number>()
  private readonly perUserPlan = new Map<string, number>()

  constructor(private readonly caps: SocketCaps) {}

  admit(userId: string, planId: string): SocketAdmission {
    const planKey = `${userId}\n${planId}`
    const inAll = this.perUser.get(userId) ?? 0
    const inPlan = this.perUserPlan.get(planKey) ?? 0
    const { perUser, perUserPlan } = this.caps
    if (perUserPlan > 0 && inPlan >= perUserPlan)
      return {
        ok: false,
        reason: `You already have ${inPlan} connections open to plan ${planId}, the most one user may`,
      }
    if (perUser > 0 && inAll >= perUser)
      return {
        ok: false,
        reason: `You already have ${inAll} connections open, the most one user may`,
      }
    this.perUser.set(userId, inAll + 1)
    this.perUserPlan.set(planKey, inPlan + 1)
    let released = false
    return {
      ok: true,
      release: () => {
        if (released) return
        released = true
        decrement(this.perUser, userId)
        decrement(this.perUserPlan, planKey)
      },
    }
  }

  /** Sockets a user holds in all, for tests and metrics. */
  countOf(userId: string): number {
    return this.perUser.get(userId) ?? 0
  }
}

function decrement(counts: Map<string, number>, key: string): void {
  const count = (counts.get(key) ?? 0) - 1
  if (count > 0) counts.set(key, count)
  else counts.delete(key)
}
