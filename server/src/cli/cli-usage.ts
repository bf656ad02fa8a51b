/** `pnpm tandem` with no arguments, or `help`, prints this. */
export const CLI_USAGE = `Usage: pnpm tandem COMMAND

It opens the store the server uses (DATA_DIR's tandem.db, or REDIS_URL), and works while the
server runs.

  user create --email EMAIL --name NAME [--admin] [--role ROLE] [--password PASSWORD]
      Creates a user; prints a generated password when none is given.
      ROLE is the workspace default role: planner, sales, production, viewer or none.
  user reset-password EMAIL [--password PASSWORD]
      Sets a new password (printed once when generated) and ends the user's sessions.
  user disable EMAIL
      Disables the user and ends their sessions.
  users list
      Lists the users.
  plans list
      Lists the plans.
  plan import FILE [--name NAME] [--id ID]
      Creates a plan from an .xlsx or .csv file (docs/import-format.md).
  plan export ID FILE
      Writes the plan's durable state to FILE, as .xlsx or .csv by its extension.
  plan epoch ID
      Starts a new document epoch: current values as fresh bases, overwrite history dropped.
      Open boards reload the plan and write their unsaved edits again.
  backup FILE
      Copies the SQLite database to FILE with SQLite's online backup, while the server runs.
  restore FILE [--force]
      Replaces DATA_DIR's database with the backup FILE. Stop the server first.`
