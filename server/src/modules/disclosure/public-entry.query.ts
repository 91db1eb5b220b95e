import { SelectQueryBuilder } from 'typeorm';
import type { PublicEntryDto } from '@mingbai/shared';
import { Entry } from '../ledger/entry.entity';
import { Attachment } from '../attachments/attachment.entity';

/** One published entry as the public list reads it, links and attachment count included. */
export interface PublicEntryRow {
  id: number | string;
  village_id: number | string;
  serial: number | string;
  direction: PublicEntryDto['direction'];
  subject_code: string;
  amount_fen: number | string;
  occurred_on: string | Date;
  counterparty_kind: PublicEntryDto['counterpartyKind'];
  counterparty_display: string;
  summary: string;
  payment_method: PublicEntryDto['paymentMethod'];
  voucher_no: string | null;
  published_at: string | Date;
  hash: string;
  prev_hash: string;
  reverses_id: number | string | null;
  reversal_reason: string | null;
  reverses_serial: number | string | null;
  reversed_by_id: number | string | null;
  attachment_count: number | string | null;
}

const COLUMNS = [
  'id',
  'village_id',
  'serial',
  'direction',
  'subject_code',
  'amount_fen',
  'occurred_on',
  'counterparty_kind',
  'counterparty_display',
  'summary',
  'payment_method',
  'voucher_no',
  'published_at',
  'hash',
  'prev_hash',
  'reverses_id',
  'reversal_reason',
];

/**
 * Everything a public entry shows in one statement (the reversed entry's serial, the reversal's id
 * and the attachment count by join and subquery), read raw: the public list is the hot path.
 */
export function selectPublicEntries(qb: SelectQueryBuilder<Entry>): SelectQueryBuilder<Entry> {
  qb.select(COLUMNS.map((c) => `e.${c} AS ${c}`))
    .addSelect('o.serial', 'reverses_serial')
    .addSelect('r.id', 'reversed_by_id')
    .leftJoin(Entry, 'o', 'o.id = e.reverses_id')
    .leftJoin(Entry, 'r', "r.reverses_id = e.id AND r.status = 'published'")
    .addSelect((sub) => sub.select('COUNT(*)').from(Attachment, 'a').where('a.entry_id = e.id'), 'attachment_count');
  return qb;
}

const num = (v: number | string | null): number | null => (v === null || v === undefined ? null : Number(v));

/** MySQL gives Date objects (timezone Z), SQLite the stored UTC text. */
function iso(v: string | Date): string {
  if (v instanceof Date) return v.toISOString();
  return new Date(/Z$|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`).toISOString();
}

function day(v: string | Date): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : v.slice(0, 10);
}

export function toPublicEntry(row: PublicEntryRow, subjectName: string): PublicEntryDto {
  return {
    id: Number(row.id),
    villageId: Number(row.village_id),
    serial: Number(row.serial),
    direction: row.direction,
    subjectCode: row.subject_code,
    subjectName,
    amountFen: Number(row.amount_fen),
    occurredOn: day(row.occurred_on),
    counterpartyKind: row.counterparty_kind,
    counterpartyName: row.counterparty_display,
    summary: row.summary,
    paymentMethod: row.payment_method,
    voucherNo: row.voucher_no,
    publishedAt: iso(row.published_at),
    hash: row.hash,
    prevHash: row.prev_hash,
    reversesId: num(row.reverses_id),
    reversesSerial: num(row.reverses_serial),
    reversedById: num(row.reversed_by_id),
    reversalReason: row.reversal_reason,
    attachmentCount: num(row.attachment_count) ?? 0,
  };
}
