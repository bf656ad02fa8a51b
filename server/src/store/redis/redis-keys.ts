/** The keys of one plan. They share the hash tag `{plan:<id>}`, so they live in one cluster slot. */
export interface PlanKeys {
  meta: string
  snap: string
  log: string
  roles: string
  /** Hash: user id → JSON list of the sites their role is scoped to. */
  scopes: string
  hist: string
  versions: string
  reads: string
  /** Hash: `<user id>\0<inbox item id>` → 1 for each inbox item the user marked read. */
  inbox: string
  /** Hash: version id → the version's accuracy extract (bytes). */
  accuracy: string
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

/** Suffixes of a plan's keys before they carried the `plan:` tag; `versions:<id>` too. */
const LEGACY_PLAN_KEYS = [
  'meta',
  'snap',
  'log',
  'roles',
  'hist',
  'versions',
  'reads',
] as const satisfies readonly (keyof PlanKeys)[]

/**
 * Every Redis key and channel Tandem uses, under one prefix (`tandem` unless tests pick their
 * own). Nothing else builds key names. Each key carries a hash tag naming its aggregate (a plan,
 * the plan index, the accounts), so every command and script touches one Redis Cluster slot.
 */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  plan(planId: string): PlanKeys {
    const base = `${this.prefix}:{plan:${planId}}`
    return {
      meta: `${base}:meta`,
      snap: `${base}:snap`,
      log: `${base}:log`,
      roles: `${base}:roles`,
      scopes: `${base}:scopes`,
      hist: `${base}:hist`,
      versions: `${base}:versions`,
      reads: `${base}:reads`,
      inbox: `${base}:inbox`,
      accuracy: `${base}:accuracy`,
    }
  }

  version(planId: string, versionId: string): string {
    return `${this.plan(planId).versions}:${versionId}`
  }

  /** Hash of a base plan's scenario records by scenario id, under the base's tag. */
  scenarios(baseId: string): string {
    return `${this.prefix}:{plan:${baseId}}:scenarios`
  }

  /** The base's state at a scenario's branch point, under the base's tag. */
  scenarioBranch(baseId: string, scenarioId: string): string {
    return `${this.prefix}:{plan:${baseId}}:scenarios:${scenarioId}`
  }

  /** Hash of every scenario's base plan id by scenario id, in its own slot. */
  get scenarioBases(): string {
    return `${this.prefix}:{scenarios}:bases`
  }

  /** The set of plan ids, in its own slot: no plan script touches it. */
  get planIndex(): string {
    return `${this.prefix}:{plans}:ids`
  }

  get accounts(): AccountKeys {
    const base = `${this.prefix}:{accounts}`
    return {
      users: `${base}:users`,
      user: (id) => `${base}:user:${id}`,
      email: (email) => `${base}:user-email:${email}`,
      settings: `${base}:settings`,
    }
  }

  /**
   * A rate-limit counter (`key` names the route and the client address). Each counter is its own
   * hash tag, so counters spread over a cluster's slots.
   */
  rateCounter(key: string): string {
    return `${this.prefix}:{rate:${key.replace(/[{}]/g, '_')}}`
  }

  channel(planId: string, kind: 'appended' | 'awareness'): string {
    return `${this.prefix}:{plan:${planId}}:${kind}`
  }

  /** The pub/sub channel of one user's inbox, in the user's own slot. */
  userChannel(userId: string): string {
    return `${this.prefix}:{user:${userId}}:inbox`
  }

  /** Keys of the layout before accounts shared a hash tag; read once to migrate. */
  get legacyAccounts(): AccountKeys {
    return {
      users: `${this.prefix}:users`,
      user: (id) => `${this.prefix}:user:${id}`,
      email: (email) => `${this.prefix}:user-email:${email}`,
      settings: `${this.prefix}:settings`,
    }
  }

  /** The plan index before it carried a hash tag; read once to migrate. */
  get legacyPlanIndex(): string {
    return `${this.prefix}:plans`
  }

  /**
   * A plan's keys before they carried the `plan:` tag (`tandem:{<id>}:…`), each with its
   * current name; read once to migrate.
   */
  legacyPlan(planId: string, versionIds: string[]): { from: string; to: string }[] {
    const current = this.plan(planId)
    const moves = LEGACY_PLAN_KEYS.map((key) => ({
      from: `${this.prefix}:{${planId}}:${key}`,
      to: current[key],
    }))
    for (const versionId of versionIds)
      moves.push({
        from: `${this.prefix}:{${planId}}:versions:${versionId}`,
        to: this.version(planId, versionId),
      })
    return moves
  }
}
