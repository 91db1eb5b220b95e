import { ValidationFailed } from '../../common/errors/app-exception';

/** The inbox cursor: (created_at, id) of the last report shown, opaque to clients. */
export interface InboxCursor {
  createdAt: Date;
  id: number;
}

export function encodeInboxCursor(c: InboxCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString('base64url');
}

export function decodeInboxCursor(cursor: string): InboxCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const createdAt = typeof at === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at) ? new Date(at) : null;
    if (createdAt && !Number.isNaN(createdAt.getTime()) && Number.isSafeInteger(id) && (id as number) > 0) return { createdAt, id: id as number };
  } catch {
    // fall through to the error below
  }
  throw new ValidationFailed([{ field: 'cursor', reason: 'cursor is not one this API gave out' }]);
}
