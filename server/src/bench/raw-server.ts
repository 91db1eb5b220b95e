/**
 * The benchmark's baseline: the two public reads of the disclosure API written directly on
 * node:http and a mysql2 pool, with the same JSON as the API. Lists use the same indexed keyset
 * query (with the reversal and attachment look-ups joined in); the summary reads month_totals.
 * Run as a child process: DATABASE_URL=mysql://… PORT=… node dist/bench/raw-server.js
 */
import { createServer, type ServerResponse } from 'node:http';
import { createPool, type RowDataPacket } from 'mysql2/promise';
import charts from '../modules/chart/data/charts.json';

const pool = createPool({ uri: process.env.DATABASE_URL!, connectionLimit: 20, charset: 'utf8mb4_unicode_ci', timezone: 'Z', dateStrings: true });

const subjectNames = new Map<string, string>();
for (const [version, chart] of Object.entries(charts as Record<string, { accounts: { code: string; name: string }[] }>))
  for (const a of chart.accounts) subjectNames.set(`${version}:${a.code}`, a.name);

const LIST_SQL = `
  SELECT e.id, e.village_id, e.serial, e.direction, e.subject_code, e.amount_fen, e.occurred_on, e.counterparty_kind,
         e.counterparty_display, e.summary, e.payment_method, e.voucher_no, e.published_at, e.hash, e.prev_hash,
         e.reverses_id, o.serial AS reverses_serial, e.reversal_reason, v.chart_version,
         (SELECT r.id FROM entries r WHERE r.reverses_id = e.id AND r.status = 'published' LIMIT 1) AS reversed_by_id,
         (SELECT COUNT(*) FROM attachments a WHERE a.entry_id = e.id) AS attachment_count
  FROM entries e
  JOIN regions v ON v.id = e.village_id
  LEFT JOIN entries o ON o.id = e.reverses_id
  WHERE e.village_id = ? AND e.status = 'published'`;
const AFTER = ' AND (e.occurred_on < ? OR (e.occurred_on = ? AND e.id < ?))';
const ORDER = ' ORDER BY e.occurred_on DESC, e.id DESC LIMIT ?';

const iso = (dt: string) => `${dt.replace(' ', 'T')}Z`;

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

const fail = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { statusCode: status, code, message, details: [] });

async function villageExists(id: number): Promise<boolean> {
  const [rows] = await pool.query<RowDataPacket[]>("SELECT 1 FROM regions WHERE id = ? AND level = 'village'", [id]);
  return rows.length > 0;
}

// The village, and its net published total before the year from the same month_totals rows.
const SUMMARY_VILLAGE_SQL = `
  SELECT v.opening_balance_fen, v.chart_version,
         (SELECT COALESCE(SUM(CASE WHEN t.direction = 'income' THEN t.amount_fen ELSE -t.amount_fen END), 0)
          FROM month_totals t WHERE t.village_id = v.id AND t.month < ?) AS before_fen
  FROM regions v WHERE v.id = ? AND v.level = 'village'`;
const SUMMARY_MONTHS_SQL = 'SELECT month, direction, subject_code, amount_fen, entry_count FROM month_totals WHERE village_id = ? AND month BETWEEN ? AND ?';

function decodeCursor(cursor: string): [string, number] | null {
  try {
    const [on, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof on === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(on) && Number.isSafeInteger(id) && (id as number) > 0) return [on, id as number];
  } catch {
    // not a cursor we gave out
  }
  return null;
}

async function entries(res: ServerResponse, villageId: number, q: URLSearchParams): Promise<void> {
  const limit = q.has('limit') ? Number(q.get('limit')) : 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) return fail(res, 400, 'VALIDATION_FAILED', 'limit must be a whole number from 1 to 50');
  const cursor = q.get('cursor');
  const after = cursor ? decodeCursor(cursor) : null;
  if (cursor && !after) return fail(res, 400, 'VALIDATION_FAILED', 'cursor is not one this API gave out');
  const [rows] = after
    ? await pool.query<RowDataPacket[]>(LIST_SQL + AFTER + ORDER, [villageId, after[0], after[0], after[1], limit + 1])
    : await pool.query<RowDataPacket[]>(LIST_SQL + ORDER, [villageId, limit + 1]);
  if (rows.length === 0 && !(await villageExists(villageId))) return fail(res, 404, 'NOT_FOUND', 'village not found');
  const page = rows.slice(0, limit);
  const items = page.map((e) => ({
    id: e.id,
    villageId: e.village_id,
    serial: e.serial,
    direction: e.direction,
    subjectCode: e.subject_code,
    subjectName: subjectNames.get(`${e.chart_version}:${e.subject_code}`) ?? e.subject_code,
    amountFen: Number(e.amount_fen),
    occurredOn: e.occurred_on,
    counterpartyKind: e.counterparty_kind,
    counterpartyName: e.counterparty_display,
    summary: e.summary,
    paymentMethod: e.payment_method,
    voucherNo: e.voucher_no,
    publishedAt: iso(e.published_at),
    hash: e.hash,
    prevHash: e.prev_hash,
    reversesId: e.reverses_id,
    reversesSerial: e.reverses_id ? (e.reverses_serial ?? null) : null,
    reversedById: e.reversed_by_id ?? null,
    reversalReason: e.reversal_reason,
    attachmentCount: Number(e.attachment_count),
  }));
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit ? Buffer.from(JSON.stringify([last.occurred_on, last.id])).toString('base64url') : null;
  send(res, 200, { items, nextCursor });
}

async function summary(res: ServerResponse, villageId: number, q: URLSearchParams): Promise<void> {
  const year = q.has('year') ? Number(q.get('year')) : Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return fail(res, 400, 'VALIDATION_FAILED', 'year must be a whole number from 2000 to 2100');
  const prefix = String(year);
  const [[[village]], [rows]] = await Promise.all([
    pool.query<RowDataPacket[]>(SUMMARY_VILLAGE_SQL, [`${prefix}-01`, villageId]),
    pool.query<RowDataPacket[]>(SUMMARY_MONTHS_SQL, [villageId, `${prefix}-01`, `${prefix}-12`]),
  ]);
  if (!village) return fail(res, 404, 'NOT_FOUND', 'village not found');
  const months = Array.from({ length: 12 }, (_, i) => ({ month: `${prefix}-${String(i + 1).padStart(2, '0')}`, incomeFen: 0, expenseFen: 0 }));
  const subjects = new Map<string, { direction: string; subjectCode: string; subjectName: string; amountFen: number; count: number }>();
  for (const r of rows) {
    const amount = Number(r.amount_fen);
    const m = months[Number(r.month.slice(5, 7)) - 1];
    if (r.direction === 'income') m.incomeFen += amount;
    else m.expenseFen += amount;
    const key = `${r.direction}:${r.subject_code}`;
    const s = subjects.get(key) ?? { direction: r.direction, subjectCode: r.subject_code, subjectName: subjectNames.get(`${village.chart_version}:${r.subject_code}`) ?? r.subject_code, amountFen: 0, count: 0 };
    s.amountFen += amount;
    s.count += r.entry_count;
    subjects.set(key, s);
  }
  const incomeFen = months.reduce((a, m) => a + m.incomeFen, 0);
  const expenseFen = months.reduce((a, m) => a + m.expenseFen, 0);
  const openingBalanceFen = Number(village.opening_balance_fen) + Number(village.before_fen);
  send(res, 200, {
    villageId,
    year,
    openingBalanceFen,
    incomeFen,
    expenseFen,
    closingBalanceFen: openingBalanceFen + incomeFen - expenseFen,
    months,
    subjects: [...subjects.values()].sort((a, b) => a.direction.localeCompare(b.direction) || b.amountFen - a.amountFen),
  });
}

const ROUTE = /^\/api\/villages\/([1-9]\d{0,9})\/(entries|summary)$/;

const server = createServer((req, res) => {
  const [path, query = ''] = (req.url ?? '').split('?', 2);
  const m = req.method === 'GET' ? ROUTE.exec(path) : null;
  if (!m) return fail(res, 404, 'NOT_FOUND', 'route not found');
  const handler = m[2] === 'entries' ? entries : summary;
  handler(res, Number(m[1]), new URLSearchParams(query)).catch((e: unknown) => {
    console.error(e);
    if (!res.headersSent) fail(res, 500, 'INTERNAL', 'Internal server error');
  });
});

server.listen(Number(process.env.PORT ?? 3100), '127.0.0.1', () => process.send?.({ ready: true }));
// A benchmark child: stop at once, whatever is still in flight.
process.on('SIGTERM', () => process.exit(0));
