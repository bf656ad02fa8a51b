import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { CLIENT_DIST, ROOT } from '../e2e/harness.js'

/** Builds the client with its own build script if client/dist is missing. */
export function ensureClientDist(): void {
  if (existsSync(join(CLIENT_DIST, 'index.html'))) return
  console.log('  bench: client/dist missing, running pnpm --filter @tandem/client build')
  execFileSync('pnpm', ['--filter', '@tandem/client', 'build'], { cwd: ROOT, stdio: 'inherit' })
}
