import type { FastifyRequest, FastifyServerOptions } from 'fastify'

/** A URL as it may be logged: the value of any `token` query parameter is replaced. */
export function redactTokens(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]')
}

/**
 * The logger options with a request serializer that keeps API tokens out of the logs: sockets
 * carry them as `?token=`, and Fastify logs every request's URL.
 */
export function withoutTokensInLogs(
  logger: FastifyServerOptions['logger'],
): FastifyServerOptions['logger'] {
  if (!logger) return logger
  const options = logger === true ? {} : logger
  return {
    ...options,
    serializers: {
      ...options.serializers,
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactTokens(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  }
}
