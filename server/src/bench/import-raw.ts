import { createConnection } from 'mysql2/promise';
import type { ImportedEntry } from '../modules/imports/import.types';

const COLUMNS = [
  'village_id',
  'status',
  'direction',
  'subject_code',
  'amount_fen',
  'occurred_on',
  'counterparty_kind',
  'counterparty_name',
  'counterparty_display',
  'summary',
  'payment_method',
  'voucher_no',
  'approvals_required',
  'import_batch_id',
  'created_by',
  'created_at',
  'updated_at',
  'submitted_at',
];

/**
 * The baseline: the same rows written with mysql2 alone, `INSERT … VALUES ?` of 2,000 rows per
 * statement in one transaction. Returns the seconds spent (building the value arrays not counted).
 */
export async function rawInsert(url: string, rows: ImportedEntry[], villageId: number, userId: number, batchId: number): Promise<number> {
  const now = new Date();
  const values = rows.map((r) => [
    villageId,
    'submitted',
    r.direction,
    r.subjectCode,
    r.amountFen,
    r.occurredOn,
    r.counterpartyKind,
    r.counterpartyName,
    r.counterpartyDisplay,
    r.summary,
    r.paymentMethod,
    r.voucherNo,
    1,
    batchId,
    userId,
    now,
    now,
    now,
  ]);
  const conn = await createConnection({ uri: url, charset: 'utf8mb4_unicode_ci', timezone: 'Z' });
  try {
    const sql = `INSERT INTO entries (${COLUMNS.join(', ')}) VALUES ?`;
    const started = process.hrtime.bigint();
    await conn.beginTransaction();
    for (let i = 0; i < values.length; i += 2000) await conn.query(sql, [values.slice(i, i + 2000)]);
    await conn.commit();
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await conn.end();
  }
}
