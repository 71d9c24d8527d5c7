import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The one value of a query parameter a route reads (undefined when absent). A parameter given
 * more than once (`?site=a&site=b`) arrives as an array: that is answered 400 here, naming the
 * parameter, and the route gets `null` and returns.
 */
export function singleQuery(request: FastifyRequest, reply: FastifyReply, name: string): string | undefined | null {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || typeof value === 'string') return value;
  void reply.code(400).send({
    error: `query parameter "${name}" must be given once (it was given ${Array.isArray(value) ? value.length : 'several'} times)`,
  });
  return null;
}
