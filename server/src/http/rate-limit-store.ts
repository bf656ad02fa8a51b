import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import type { RateCounters } from '../store/rate-counters.js'

type Incr = FastifyRateLimitStore['incr']
type ChildOptions = Parameters<FastifyRateLimitStore['child']>[0] & {
  routeInfo?: { method?: string | string[]; url?: string }
}

/**
 * A @fastify/rate-limit store over the stores' {@link RateCounters}, so a client's budget is
 * counted where the backend keeps it (shared across instances with Redis). The global limit
 * counts under `rest:`, each route with its own limit under its method and path.
 */
export function rateLimitStoreOn(counters: RateCounters): FastifyRateLimitStoreCtor {
  class CountersStore implements FastifyRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly scope = 'rest',
    ) {}

    incr(...[key, callback, timeWindow]: Parameters<Incr>): void {
      counters.hit(`${this.scope}:${key}`, timeWindow).then(
        ({ count, msLeft }) => callback(null, { current: count, ttl: msLeft }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      )
    }

    child(options: ChildOptions): FastifyRateLimitStore {
      const { method, url } = options.routeInfo ?? {}
      return new CountersStore(undefined, `${[method].flat().join(',')}:${url ?? options.path}`)
    }
  }
  return CountersStore
}
