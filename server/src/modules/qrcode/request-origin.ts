import type { FastifyRequest } from 'fastify';
import { ValidationFailed } from '../../common/errors/app-exception';

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::\\d{1,5})?$`);

/**
 * "protocol://host[:port]" of the request, used when PUBLIC_URL is not set: the protocol Fastify
 * reports (X-Forwarded-Proto counts because the server trusts its proxy) and the Host header.
 * Anything that is not a plain host name is refused rather than put into a QR code.
 */
export function requestOrigin(req: FastifyRequest): string {
  const protocol = req.protocol;
  if (protocol !== 'http' && protocol !== 'https')
    throw new ValidationFailed([{ field: 'x-forwarded-proto', reason: 'must be http or https' }]);
  const host = req.headers.host;
  if (!host || !HOST.test(host)) throw new ValidationFailed([{ field: 'host', reason: 'the Host header must be a host name with an optional port' }]);
  return `${protocol}://${host.toLowerCase()}`;
}
