import { Child } from './child.js'
import type { ServerCommand, ServerReport } from './ipc.js'
import type { Target } from './light-client.js'
import type { ServerKind } from './server-kind.js'

/** One server under test in its own process. */
export class ServerSession {
  private constructor(
    readonly kind: ServerKind,
    private readonly child: Child<ServerCommand, ServerReport>,
    readonly target: Target,
    readonly startMs: number,
  ) {}

  static async start(
    kind: ServerKind,
    planFile: string,
    planId: string,
    redisUrl: string,
    profileDir?: string,
    shared?: { prefix: string; jwtSecret: string },
  ): Promise<ServerSession> {
    const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
    const sharing = shared ? [shared.prefix, shared.jwtSecret] : []
    const child = new Child<ServerCommand, ServerReport>(
      './server-process.ts',
      [kind, planFile, redisUrl, ...sharing],
      profile,
      kind.startsWith('tandem'),
    )
    const ready = await child.next('ready')
    const base = `ws://127.0.0.1:${ready.port}`
    const target: Target =
      kind === 'hocuspocus'
        ? { url: base, dialect: 'hocuspocus', docName: planId }
        : kind === 'y-websocket-server'
          ? { url: `${base}/${planId}`, dialect: 'y-websocket', docName: planId }
          : {
              url: `${base}/sync/${planId}`,
              dialect: 'y-websocket',
              docName: planId,
              params: ready.token ? { token: ready.token } : {},
            }
    return new ServerSession(kind, child, target, ready.loadMs)
  }

  get isTandem(): boolean {
    return this.kind.startsWith('tandem')
  }

  stats(gc = false): Promise<Extract<ServerReport, { type: 'stats' }>> {
    return this.child.ask({ type: 'stats', gc }, 'stats')
  }

  stop(): Promise<void> {
    return this.child.stop({ type: 'stop' })
  }
}
