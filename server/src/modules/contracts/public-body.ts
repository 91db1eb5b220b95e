import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendVersioned } from '../../common/http/public-cache';

/**
 * Sends a public register answer with the disclosure API's cache headers (an ETag, `public,
 * max-age=0, must-revalidate`, 304 when the client has it). Registers change with approvals,
 * receipts, reversals and the date itself (phases, overdue states), so the ETag is the hash of
 * the answer: always right, and a client that has it downloads nothing.
 */
export function sendPublic<T>(req: FastifyRequest, reply: FastifyReply, body: T): string | undefined {
  const json = JSON.stringify(body);
  const etag = `W/"${createHash('sha1').update(json).digest('base64url').slice(0, 20)}"`;
  return sendVersioned<T>(req, reply, { etag, json });
}
