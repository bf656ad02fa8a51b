/** Connections one address may hold that are not sync sockets (`TANDEM_PENDING_PER_ADDRESS`). */
export const DEFAULT_MAX_PENDING_PER_ADDRESS = 128

/**
 * The HTTP server's timeouts when none are configured, in milliseconds: headers (Node's default
 * is 60 s), the whole request (Node: 300 s) and silence on a connection (Node: none).
 */
export const DEFAULT_TIMEOUTS = { headers: 10_000, request: 120_000, connection: 60_000 } as const
