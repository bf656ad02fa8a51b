import { runCli } from './run-cli.js'

/** `pnpm tandem …`: the admin command line (docs/operations.md), configured as the server is. */
const code = await runCli(
  process.argv.slice(2),
  { print: (line) => console.log(line) },
  { print: (line) => console.error(line) },
)
process.exitCode = code
