import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** What one `pnpm tandem` run printed, and how it exited. */
export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * The command line of the root package.json's `tandem` script, so the tests run exactly what
 * `pnpm tandem` runs (without pnpm's own output around it).
 */
function tandemScript(): string[] {
  const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as {
    scripts: Record<string, string>
  }
  const [command, ...args] = pkg.scripts.tandem.split(' ')
  if (command !== 'node') throw new Error(`the tandem script should start with node: ${command}`)
  return args
}

/** Runs `pnpm tandem ...args` as a child process with `env` added, from the repository root. */
export function runTandemCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const child = spawn(process.execPath, [...tandemScript(), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}
