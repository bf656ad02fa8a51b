// Runs the server (tsx, watching) and the Vite dev server (proxying /api and /sync) together.
import { spawn } from 'node:child_process'

const children = [
  spawn(
    'node',
    ['--conditions=tandem-source', '--import', 'tsx', '--watch', 'server/src/main.ts'],
    {
      stdio: 'inherit',
      env: { ...process.env, TANDEM_CLIENT_DIR: '' },
    },
  ),
  spawn('pnpm', ['--filter', '@tandem/client', 'dev'], { stdio: 'inherit' }),
]
const stop = () => children.forEach((child) => child.kill('SIGTERM'))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const child of children) child.on('exit', (code) => code && process.exit(code))
