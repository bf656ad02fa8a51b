/** A mistake the operator made on the command line; `argument` names what to fix. */
export class CliError extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`)
  }
}
