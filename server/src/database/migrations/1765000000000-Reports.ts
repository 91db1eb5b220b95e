import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';
import { DEFAULT_REPORT_CATEGORIES } from '@mingbai/shared';

// The same portable builders as the initial migration (copied: a committed migration never changes).
const id = (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });
const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', ...extra });
const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
const text = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'text', ...extra });
const money = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'bigint', ...extra });
const ts = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'datetime', precision: 3, ...extra });
const bool = (name: string, def: boolean): TableColumnOptions => ({ name, type: 'boolean', default: def ? 1 : 0 });
const idx = (table: string, suffix: string, columnNames: string[], isUnique = false): TableIndex =>
  new TableIndex({ name: `${isUnique ? 'UQ' : 'IDX'}_${table}_${suffix}`, columnNames, isUnique });

/** Citizen reports, their case trail, villager sign-in, idempotency, rate limits and the outbox. */
export class Reports1765000000000 implements MigrationInterface {
  name = 'Reports1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // Per-region supervision settings; a region without them inherits from its nearest ancestor.
    await q.addColumns('regions', [
      new TableColumn(int('sla_accept_working_days', { isNullable: true })),
      new TableColumn(int('sla_conclude_days', { isNullable: true })),
      new TableColumn(money('report_escalate_amount_fen', { isNullable: true })),
    ]);

    await q.createTable(
      new Table({
        name: 'report_categories',
        columns: [id(), str('code', 32), str('label', 50), bool('escalate', false), int('sort_order', { default: 0 }), bool('active', true), ts('created_at')],
        indices: [idx('report_categories', 'code', ['code'], true)],
      }),
    );
    // UTC text that both drivers store as-is in a datetime(3) column, as TypeORM itself writes them.
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    for (const [i, c] of DEFAULT_REPORT_CATEGORIES.entries())
      await q.query('INSERT INTO report_categories (code, label, escalate, sort_order, active, created_at) VALUES (?, ?, ?, ?, ?, ?)', [c.code, c.label, 0, (i + 1) * 10, 1, now]);

    await q.createTable(
      new Table({
        name: 'villagers',
        columns: [id(), str('openid_ref', 64), str('openid_sealed', 512), ts('created_at'), ts('last_seen_at')],
        indices: [idx('villagers', 'openid_ref', ['openid_ref'], true)],
      }),
    );

    await q.createTable(
      new Table({
        name: 'reports',
        columns: [
          id(),
          int('village_id'),
          int('office_region_id'),
          str('category_code', 32),
          str('subject_type', 10),
          int('subject_id', { isNullable: true }),
          text('text'),
          str('text_hash', 64),
          str('status', 16),
          str('outcome', 24, { isNullable: true }),
          money('amount_recovered_fen', { isNullable: true }),
          str('receipt_hash', 128),
          int('villager_id', { isNullable: true }),
          text('identity_sealed', { isNullable: true }),
          int('assignee_id', { isNullable: true }),
          int('duplicate_of_id', { isNullable: true }),
          str('channel', 8),
          int('notify_credits', { default: 0 }),
          ts('accept_due_at'),
          ts('conclude_due_at'),
          ts('accepted_at', { isNullable: true }),
          ts('concluded_at', { isNullable: true }),
          ts('closed_at', { isNullable: true }),
          ts('created_at'),
          ts('updated_at'),
        ],
        indices: [
          idx('reports', 'receipt_hash', ['receipt_hash'], true),
          idx('reports', 'office_status', ['office_region_id', 'status']),
          idx('reports', 'village_created', ['village_id', 'created_at']),
          idx('reports', 'text_hash', ['text_hash', 'village_id']),
          idx('reports', 'villager', ['villager_id']),
          idx('reports', 'assignee', ['assignee_id']),
          idx('reports', 'duplicate_of', ['duplicate_of_id']),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'report_events',
        columns: [id(), int('report_id'), str('action', 24), str('from_status', 16, { isNullable: true }), str('to_status', 16), int('actor_id', { isNullable: true }), text('note', { isNullable: true }), ts('created_at')],
        indices: [idx('report_events', 'report', ['report_id'])],
      }),
    );

    await q.createTable(
      new Table({
        name: 'report_messages',
        columns: [id(), int('report_id'), str('author', 8), int('actor_id', { isNullable: true }), text('text'), ts('created_at')],
        indices: [idx('report_messages', 'report', ['report_id'])],
      }),
    );

    await q.createTable(
      new Table({
        name: 'report_files',
        columns: [
          id(),
          str('token', 64),
          int('report_id', { isNullable: true }),
          int('message_id', { isNullable: true }),
          str('storage_key', 100),
          str('mime', 50),
          int('size_bytes'),
          str('sha256', 64),
          ts('expires_at', { isNullable: true }),
          ts('created_at'),
        ],
        indices: [
          idx('report_files', 'token', ['token'], true),
          idx('report_files', 'storage_key', ['storage_key'], true),
          idx('report_files', 'report', ['report_id']),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'identity_reveals',
        columns: [id(), int('report_id'), int('user_id'), text('reason'), ts('created_at')],
        indices: [idx('identity_reveals', 'report', ['report_id'])],
      }),
    );

    await q.createTable(
      new Table({
        name: 'idempotency_records',
        columns: [id(), str('scope', 16), str('key_hash', 64), str('request_hash', 64), int('status_code'), text('response_sealed'), ts('created_at'), ts('expires_at')],
        indices: [idx('idempotency_records', 'scope_key', ['scope', 'key_hash'], true), idx('idempotency_records', 'expires', ['expires_at'])],
      }),
    );

    await q.createTable(
      new Table({
        name: 'rate_events',
        columns: [id(), str('bucket', 100), ts('created_at')],
        indices: [idx('rate_events', 'bucket_created', ['bucket', 'created_at'])],
      }),
    );

    await q.createTable(
      new Table({
        name: 'outbox_events',
        columns: [id(), str('event_id', 40), str('type', 40), int('report_id', { isNullable: true }), int('office_region_id', { isNullable: true }), text('payload'), ts('created_at')],
        indices: [idx('outbox_events', 'event_id', ['event_id'], true), idx('outbox_events', 'report', ['report_id'])],
      }),
    );

    await q.createTable(
      new Table({
        name: 'webhook_endpoints',
        columns: [
          id(),
          str('url', 500),
          str('secret_sealed', 512),
          int('region_id', { isNullable: true }),
          bool('enabled', true),
          str('disabled_reason', 200, { isNullable: true }),
          int('created_by'),
          ts('created_at'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          id(),
          int('outbox_event_id'),
          int('endpoint_id'),
          str('status', 12),
          int('attempts', { default: 0 }),
          ts('next_attempt_at', { isNullable: true }),
          int('last_status_code', { isNullable: true }),
          str('last_error', 300, { isNullable: true }),
          ts('delivered_at', { isNullable: true }),
          ts('created_at'),
        ],
        indices: [
          idx('webhook_deliveries', 'event_endpoint', ['outbox_event_id', 'endpoint_id'], true),
          idx('webhook_deliveries', 'due', ['status', 'next_attempt_at']),
          idx('webhook_deliveries', 'endpoint', ['endpoint_id']),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'webhook_attempts',
        columns: [id(), int('delivery_id'), ts('attempted_at'), int('status_code', { isNullable: true }), str('error', 300, { isNullable: true }), int('duration_ms')],
        indices: [idx('webhook_attempts', 'delivery', ['delivery_id'])],
      }),
    );

    await q.createTable(
      new Table({
        name: 'notification_deliveries',
        columns: [
          id(),
          int('outbox_event_id'),
          int('report_id'),
          str('status', 12),
          int('attempts', { default: 0 }),
          ts('next_attempt_at', { isNullable: true }),
          str('last_error', 300, { isNullable: true }),
          ts('sent_at', { isNullable: true }),
          ts('created_at'),
        ],
        indices: [idx('notification_deliveries', 'event', ['outbox_event_id'], true), idx('notification_deliveries', 'due', ['status', 'next_attempt_at'])],
      }),
    );

    await q.createTable(
      new Table({
        name: 'job_runs',
        columns: [id(), str('name', 40), str('period', 20), ts('started_at')],
        indices: [idx('job_runs', 'name_period', ['name', 'period'], true)],
      }),
    );

    await createRevealAuditTriggers(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropRevealAuditTriggers(q);
    for (const t of [
      'job_runs',
      'notification_deliveries',
      'webhook_attempts',
      'webhook_deliveries',
      'webhook_endpoints',
      'outbox_events',
      'rate_events',
      'idempotency_records',
      'identity_reveals',
      'report_files',
      'report_messages',
      'report_events',
      'reports',
      'villagers',
      'report_categories',
    ])
      await q.dropTable(t);
    for (const c of ['report_escalate_amount_fen', 'sla_conclude_days', 'sla_accept_working_days']) await q.dropColumn('regions', c);
  }
}

/** The audit log of identity reveals can only grow, whoever connects to the database. */
async function createRevealAuditTriggers(q: QueryRunner): Promise<void> {
  const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
  for (const op of ['UPDATE', 'DELETE'] as const) {
    const name = `trg_identity_reveals_no_${op.toLowerCase()}`;
    if (mysql)
      await q.query(
        `CREATE TRIGGER ${name} BEFORE ${op} ON identity_reveals FOR EACH ROW
         BEGIN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the identity reveal log is append-only'; END`,
      );
    else await q.query(`CREATE TRIGGER ${name} BEFORE ${op} ON identity_reveals BEGIN SELECT RAISE(ABORT, 'the identity reveal log is append-only'); END`);
  }
}

async function dropRevealAuditTriggers(q: QueryRunner): Promise<void> {
  await q.query('DROP TRIGGER IF EXISTS trg_identity_reveals_no_update');
  await q.query('DROP TRIGGER IF EXISTS trg_identity_reveals_no_delete');
}
