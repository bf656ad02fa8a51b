/** Where a command writes what the operator reads (stdout); errors go to stderr from run-cli. */
export interface CliOutput {
  print(line: string): void
}
