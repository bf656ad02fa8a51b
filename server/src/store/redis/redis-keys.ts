/** The keys of one plan. They share the hash tag `{planId}`, so they live in one cluster slot. */
export interface PlanKeys {
  meta: string
  snap: string
  log: string
  roles: string
  hist: string
  versions: string
  reads: string
}

/** The account keys. They share the hash tag `{accounts}`, so one script can write them all. */
export interface AccountKeys {
  /** Set of every user id. */
  users: string
  user(id: string): string
  /** String: the id of the user with this lower-case email. */
  email(email: string): string
  /** Hash of workspace settings. */
  settings: string
}

/**
 * Every Redis key and channel Tandem uses, under one prefix (`tandem` unless tests pick their
 * own). Nothing else builds key names.
 */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  plan(planId: string): PlanKeys {
    const base = `${this.prefix}:{${planId}}`
    return {
      meta: `${base}:meta`,
      snap: `${base}:snap`,
      log: `${base}:log`,
      roles: `${base}:roles`,
      hist: `${base}:hist`,
      versions: `${base}:versions`,
      reads: `${base}:reads`,
    }
  }

  version(planId: string, versionId: string): string {
    return `${this.plan(planId).versions}:${versionId}`
  }

  /** The set of plan ids. It lives in its own slot, so no plan script can touch it. */
  get planIndex(): string {
    return `${this.prefix}:plans`
  }

  get accounts(): AccountKeys {
    const base = `${this.prefix}:{accounts}`
    return {
      users: `${base}:users`,
      user: (id) => `${base}:user:${id}`,
      email: (email) => `${base}:user-email:${email}`,
      settings: `${this.prefix}:settings`,
    }
  }

  /**
   * A rate-limit counter (`key` names the route and the client address). Each counter is its own
   * hash tag, so counters spread over a cluster's slots.
   */
  rateCounter(key: string): string {
    return `${this.prefix}:{rate:${key.replace(/[{}]/g, '_')}}`
  }

  /** Keys of the layout before accounts shared a hash tag; read once to migrate. */
  get legacyAccounts(): Omit<AccountKeys, 'settings'> {
    return {
      users: `${this.prefix}:users`,
      user: (id) => `${this.prefix}:user:${id}`,
      email: (email) => `${this.prefix}:user-email:${email}`,
    }
  }

  channel(planId: string, kind: 'appended' | 'awareness'): string {
    return `${this.prefix}:{${planId}}:${kind}`
  }
}
