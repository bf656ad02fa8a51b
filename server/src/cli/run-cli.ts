import { parseArgs } from 'node:util'
import type { Config } from '../config.js'
import { parseConfig } from '../config.js'
import { openStore } from '../open-store.js'
import type { Stores } from '../store/stores.js'
import { backupCommand, restoreCommand } from './backup-commands.js'
import { CliError } from './cli-error.js'
import type { CliOutput } from './cli-output.js'
import { CLI_USAGE } from './cli-usage.js'
import { exportPlanCommand, importPlanCommand, listPlansCommand } from './plan-commands.js'
import { planEpochCommand } from './plan-epoch-command.js'
import {
  createUserCommand,
  disableUserCommand,
  listUsersCommand,
  resetPasswordCommand,
} from './user-commands.js'

/** Every option any command takes; each command says which of them it accepts. */
const OPTIONS = {
  email: { type: 'string' },
  name: { type: 'string' },
  admin: { type: 'boolean' },
  role: { type: 'string' },
  password: { type: 'string' },
  id: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

type Values = ReturnType<typeof parse>['values']

interface Command {
  /** The options it accepts, and how many positional arguments, as named in the usage. */
  options: (keyof typeof OPTIONS)[]
  positionals: string[]
  /** Backup and restore open the database file themselves. */
  store: boolean
  run(args: {
    stores: Stores
    config: Config
    values: Values
    positionals: string[]
    out: CliOutput
  }): Promise<void>
}

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
}

/**
 * Runs one `pnpm tandem` command against the store `env` configures (by default the
 * process's, read by config.ts); resolves with the exit code
 * (0, or 1 after printing what is wrong, naming the argument, to `err`).
 */
export async function runCli(
  argv: string[],
  out: CliOutput,
  err: CliOutput,
  env?: NodeJS.ProcessEnv,
): Promise<number> {
  let stores: Stores | undefined
  try {
    let parsed
    try {
      parsed = parse(argv)
    } catch (error) {
      throw new CliError('arguments', `${(error as Error).message}\n\n${CLI_USAGE}`)
    }
    const { values, positionals } = parsed
    if (values.help || positionals.length === 0 || positionals[0] === 'help') {
      out.print(CLI_USAGE)
      return 0
    }
    const [name, command, rest] = findCommand(positionals)
    for (const option of Object.keys(values) as (keyof typeof OPTIONS)[]) {
      if (!command.options.includes(option))
        throw new CliError(`--${option}`, `\`${name}\` takes no --${option} option`)
    }
    if (rest.length > command.positionals.length)
      throw new CliError(
        'arguments',
        `\`${name}\` takes ${command.positionals.join(' ') || 'no arguments'}; "${rest.slice(command.positionals.length).join(' ')}" is extra`,
      )
    const config = env ? parseConfig(env) : parseConfig()
    if (command.store) stores = await openStore(config)
    await command.run({ stores: stores as Stores, config, values, positionals: rest, out })
    return 0
  } catch (error) {
    err.print(error instanceof CliError ? `Error: ${error.message}` : `Failed: ${String(error)}`)
    return 1
  } finally {
    await stores?.close()
  }
}

const COMMANDS: Record<string, Command> = {
  'user create': {
    options: ['email', 'name', 'admin', 'role', 'password'],
    positionals: [],
    store: true,
    run: ({ out, stores, values }) =>
      createUserCommand(
        stores.accounts,
        {
          email: values.email,
          name: values.name,
          admin: values.admin ?? false,
          role: values.role,
          password: values.password,
        },
        out,
      ),
  },
  'user reset-password': {
    options: ['password'],
    positionals: ['EMAIL'],
    store: true,
    run: ({ out, stores, values, positionals }) =>
      resetPasswordCommand(stores.accounts, positionals[0], values.password, out),
  },
  'user disable': {
    options: [],
    positionals: ['EMAIL'],
    store: true,
    run: ({ out, stores, positionals }) => disableUserCommand(stores.accounts, positionals[0], out),
  },
  'users list': {
    options: [],
    positionals: [],
    store: true,
    run: ({ out, stores }) => listUsersCommand(stores.accounts, out),
  },
  'plans list': {
    options: [],
    positionals: [],
    store: true,
    run: ({ out, stores }) => listPlansCommand(stores.log, out),
  },
  'plan import': {
    options: ['name', 'id'],
    positionals: ['FILE'],
    store: true,
    run: ({ out, stores, values, positionals }) =>
      importPlanCommand(stores.log, positionals[0], { name: values.name, id: values.id }, out),
  },
  'plan export': {
    options: [],
    positionals: ['ID', 'FILE'],
    store: true,
    run: ({ out, stores, positionals }) =>
      exportPlanCommand(stores, positionals[0], positionals[1], out),
  },
  'plan epoch': {
    options: [],
    positionals: ['ID'],
    store: true,
    run: ({ out, stores, positionals }) => planEpochCommand(stores.log, positionals[0], out),
  },
  backup: {
    options: [],
    positionals: ['FILE'],
    store: false,
    run: ({ out, config, positionals }) => backupCommand(config, positionals[0], out),
  },
  restore: {
    options: ['force'],
    positionals: ['FILE'],
    store: false,
    run: ({ out, config, values, positionals }) =>
      restoreCommand(config, positionals[0], values.force ?? false, out),
  },
}

function findCommand(positionals: string[]): [string, Command, string[]] {
  for (const words of [2, 1]) {
    const name = positionals.slice(0, words).join(' ')
    const command = COMMANDS[name]
    if (command) return [name, command, positionals.slice(words)]
  }
  throw new CliError(
    'COMMAND',
    `"${positionals.slice(0, 2).join(' ')}" is not a command; use one of: ${Object.keys(COMMANDS).join(', ')}`,
  )
}
