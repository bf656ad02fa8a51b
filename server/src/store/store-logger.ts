/** Where a backend logs its errors: the app's pino logger, or anything with the same shape. */
export interface StoreLogger {
  error(details: object, message: string): void
  warn(details: object, message: string): void
}

/** Until the app hands its logger over: one JSON line per message on stderr, as pino writes. */
export const stderrLogger: StoreLogger = {
  error: (details, message) => writeLine(50, details, message),
  warn: (details, message) => writeLine(40, details, message),
}

function writeLine(level: number, details: object, message: string): void {
  const err = (details as { err?: unknown }).err
  const line = { level, time: Date.now(), ...details, err: err && String(err), msg: message }
  process.stderr.write(`${JSON.stringify(line)}\n`)
}
