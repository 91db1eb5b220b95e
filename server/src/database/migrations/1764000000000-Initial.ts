import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Portable column builders. Generated keys are typed `integer`: SQLite allows AUTOINCREMENT on nothing else.
const id = (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });
const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', ...extra });
const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
const money = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'bigint', ...extra });
const ts = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'datetime', precision: 3, ...extra });
const bool = (name: string, def: boolean): TableColumnOptions => ({ name, type: 'boolean', default: def ? 1 : 0 });

export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'regions',
        columns: [
          id(),
          str('code', 12),
          str('name', 100),
          str('level', 10),
          int('parent_id', { isNullable: true }),
          str('path', 255),
          str('chart_version', 8, { default: "'2023'" }),
          money('opening_balance_fen', { default: 0 }),
          { name: 'ledger_start', type: 'date', isNullable: true },
          money('second_approval_threshold_fen', { isNullable: true }),
          bool('show_staff_names', false),
          ts('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'UQ_regions_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'IDX_regions_parent', columnNames: ['parent_id'] }),
          new TableIndex({ name: 'IDX_regions_path', columnNames: ['path'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          str('username', 64),
          str('password_hash', 255),
          str('display_name', 100),
          str('role', 16),
          int('region_id', { isNullable: true }),
          bool('active', true),
          int('failed_logins', { default: 0 }),
          ts('locked_until', { isNullable: true }),
          ts('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'UQ_users_username', columnNames: ['username'], isUnique: true }),
          new TableIndex({ name: 'IDX_users_region', columnNames: ['region_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          id(),
          int('user_id'),
          str('family', 32),
          str('token_hash', 64),
          ts('expires_at'),
          ts('revoked_at', { isNullable: true }),
          ts('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_refresh_tokens_user', columnNames: ['user_id'] }),
          new TableIndex({ name: 'IDX_refresh_tokens_family', columnNames: ['family'] }),
          new TableIndex({ name: 'UQ_refresh_tokens_hash', columnNames: ['token_hash'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'chart_accounts',
        columns: [id(), str('version', 8), str('code', 10), str('name', 100), str('direction', 8, { isNullable: true }), int('level', { default: 1 })],
        indices: [new TableIndex({ name: 'UQ_chart_accounts_version_code', columnNames: ['version', 'code'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'entries',
        columns: [
          id(),
          int('village_id'),
          str('status', 12),
          str('direction', 8),
          str('subject_code', 10),
          money('amount_fen'),
          { name: 'occurred_on', type: 'date' },
          str('counterparty_kind', 16),
          str('counterparty_name', 100),
          str('counterparty_display', 100),
          str('summary', 500),
          str('payment_method', 12),
          str('voucher_no', 50, { isNullable: true }),
          int('reverses_id', { isNullable: true }),
          str('reversal_reason', 500, { isNullable: true }),
          str('reject_reason', 500, { isNullable: true }),
          int('approvals_required', { default: 1 }),
          int('import_batch_id', { isNullable: true }),
          int('created_by'),
          ts('created_at'),
          ts('updated_at'),
          ts('submitted_at', { isNullable: true }),
          ts('published_at', { isNullable: true }),
          int('serial', { isNullable: true }),
          str('hash', 64, { isNullable: true }),
          str('prev_hash', 64, { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'UQ_entries_village_serial', columnNames: ['village_id', 'serial'], isUnique: true }),
          new TableIndex({ name: 'IDX_entries_public_list', columnNames: ['village_id', 'status', 'occurred_on', 'id'] }),
          new TableIndex({ name: 'IDX_entries_status_village', columnNames: ['status', 'village_id'] }),
          new TableIndex({ name: 'IDX_entries_reverses', columnNames: ['reverses_id'] }),
          new TableIndex({ name: 'IDX_entries_import_batch', columnNames: ['import_batch_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'entry_approvals',
        columns: [id(), int('entry_id'), int('step'), str('decision', 10), str('reason', 500, { isNullable: true }), int('user_id'), str('role', 16), str('scope_level', 10), ts('created_at')],
        indices: [new TableIndex({ name: 'IDX_entry_approvals_entry', columnNames: ['entry_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'chain_heads',
        columns: [
          int('village_id', { isPrimary: true }),
          int('serial', { default: 0 }),
          str('hash', 64),
          money('income_fen', { default: 0 }),
          money('expense_fen', { default: 0 }),
          ts('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'month_totals',
        columns: [
          int('village_id', { isPrimary: true }),
          str('month', 7, { isPrimary: true }),
          str('direction', 8, { isPrimary: true }),
          str('subject_code', 10, { isPrimary: true }),
          money('amount_fen', { default: 0 }),
          int('entry_count', { default: 0 }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'attachments',
        columns: [id(), int('village_id'), int('entry_id', { isNullable: true }), str('storage_key', 100), str('mime', 50), int('size_bytes'), str('sha256', 64), int('uploaded_by'), ts('created_at')],
        indices: [
          new TableIndex({ name: 'IDX_attachments_village', columnNames: ['village_id'] }),
          new TableIndex({ name: 'IDX_attachments_entry', columnNames: ['entry_id'] }),
          new TableIndex({ name: 'UQ_attachments_storage_key', columnNames: ['storage_key'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'import_batches',
        columns: [id(), int('village_id'), int('created_by'), str('file_name', 255), int('row_count'), ts('created_at')],
        indices: [new TableIndex({ name: 'IDX_import_batches_village', columnNames: ['village_id'] })],
      }),
    );
    await createImmutabilityTriggers(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropImmutabilityTriggers(q);
    for (const t of ['import_batches', 'attachments', 'month_totals', 'chain_heads', 'entry_approvals', 'entries', 'chart_accounts', 'refresh_tokens', 'users', 'regions'])
      await q.dropTable(t);
  }
}

/** Published rows may be neither updated nor deleted, whoever connects to the database. */
export async function createImmutabilityTriggers(q: QueryRunner): Promise<void> {
  if (q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb') {
    await q.query(
      `CREATE TRIGGER trg_entries_published_no_update BEFORE UPDATE ON entries FOR EACH ROW
       BEGIN IF OLD.status = 'published' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'published entries are immutable'; END IF; END`,
    );
    await q.query(
      `CREATE TRIGGER trg_entries_published_no_delete BEFORE DELETE ON entries FOR EACH ROW
       BEGIN IF OLD.status = 'published' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'published entries cannot be deleted'; END IF; END`,
    );
  } else {
    await q.query(
      `CREATE TRIGGER trg_entries_published_no_update BEFORE UPDATE ON entries FOR EACH ROW WHEN OLD.status = 'published'
       BEGIN SELECT RAISE(ABORT, 'published entries are immutable'); END`,
    );
    await q.query(
      `CREATE TRIGGER trg_entries_published_no_delete BEFORE DELETE ON entries FOR EACH ROW WHEN OLD.status = 'published'
       BEGIN SELECT RAISE(ABORT, 'published entries cannot be deleted'); END`,
    );
  }
}

export async function dropImmutabilityTriggers(q: QueryRunner): Promise<void> {
  await q.query('DROP TRIGGER IF EXISTS trg_entries_published_no_update');
  await q.query('DROP TRIGGER IF EXISTS trg_entries_published_no_delete');
}
