import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A throwaway redis-server for one test file. */
export interface RedisServer {
  url: string
  port: number
  stop(): Promise<void>
  /** Kills the process with `signal` (SIGKILL: a crash), keeping its data dir. */
  kill(signal?: NodeJS.Signals): Promise<void>
  /** Starts redis-server again on the same port and data dir (after `kill`). */
  restart(): Promise<void>
  /** Stops the process where it stands (SIGSTOP), as a stalled VM would; `resume` goes on. */
  pause(): void
  resume(): void
}

/** How the server keeps its data. */
export interface RedisServerOptions {
  /** AOF with `appendfsync always`: every write acknowledged survives a crash. */
  appendOnly?: boolean
  /** More arguments (the cluster support adds `--cluster-enabled yes`). */
  extraArgs?: string[]
}

const READY_TIMEOUT_MS = 10_000
const STOP_TIMEOUT_MS = 5_000

/**
 * Spawns a real redis-server on a free port, with persistence off (unless `appendOnly`) and a
 * temp working dir, and resolves once it answers PING. Throws if redis-server is not installed.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort()
  const dir = await mkdtemp(join(tmpdir(), 'tandem-redis-'))
  const persistence = options.appendOnly
    ? ['--appendonly', 'yes', '--appendfsync', 'always']
    : ['--appendonly', 'no']
  const args = ['--port', String(port), '--save', '', ...persistence]
  args.push('--bind', '127.0.0.1', '--protected-mode', 'yes', '--dir', dir)
  args.push(...(options.extraArgs ?? []))
  let running = await spawnRedis(args, dir, port)
  const url = `redis://127.0.0.1:${port}`
  return {
    url,
    port,
    stop: async () => {
      await running.stop()
      await rm(dir, { recursive: true, force: true })
    },
    kill: (signal = 'SIGKILL') => running.kill(signal),
    restart: async () => {
      running = await spawnRedis(args, dir, port)
    },
    pause: () => running.signal('SIGSTOP'),
    resume: () => running.signal('SIGCONT'),
  }
}

interface RedisProcess {
  stop(): Promise<void>
  kill(signal: NodeJS.Signals): Promise<void>
  signal(signal: NodeJS.Signals): void
}

async function spawnRedis(args: string[], dir: string, port: number): Promise<RedisProcess> {
  const child = spawn('redis-server', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000))
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exited = new Promise<Error>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'ENOENT'
          ? new Error('redis-server is not on PATH; install it with `apt-get install redis-server`')
          : error,
      ),
    )
    child.once('exit', (code, signal) =>
      resolve(new Error(`redis-server exited (${code ?? signal}) before it was ready:\n${output}`)),
    )
  })

  const kill = async (signal: NodeJS.Signals) => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve))
      child.kill(signal)
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
      await gone
      clearTimeout(timer)
    }
  }
  const stop = () => kill('SIGTERM')

  const failure = await Promise.race([waitUntilReady(port), exited])
  if (failure) {
    await stop()
    await rm(dir, { recursive: true, force: true })
    throw failure
  }
  return { stop, kill, signal: (signal) => void child.kill(signal) }
}

/** Port 0 lets the OS pick a free port; we release it for redis-server to take. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('No TCP port assigned')
  return address.port
}

async function waitUntilReady(port: number): Promise<Error | undefined> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (await answersPing(port)) return undefined
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return new Error(`redis-server on port ${port} did not answer PING within ${READY_TIMEOUT_MS} ms`)
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    let reply = ''
    const finish = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => finish(false))
    socket.once('error', () => finish(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk) => {
      reply += chunk.toString()
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'))
    })
  })
}
