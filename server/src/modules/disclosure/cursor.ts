import { isCalendarDate } from '@mingbai/shared';
import { ValidationFailed } from '../../common/errors/app-exception';

/** The public list's cursor: the (date, id) of the last entry shown, opaque to clients. */
export function encodeCursor(occurredOn: string, id: number): string {
  return Buffer.from(JSON.stringify([occurredOn, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { occurredOn: string; id: number } {
  try {
    const [occurredOn, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (isCalendarDate(occurredOn) && Number.isSafeInteger(id) && (id as number) > 0) return { occurredOn, id: id as number };
  } catch {
    // fall through to the error below
  }
  throw new ValidationFailed([{ field: 'cursor', reason: 'cursor is not one this API gave out' }]);
}

/** "2026-02" -> "2026-02-28" */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}
