import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { normalizePersonName } from '@mingbai/shared';
import { createImmutabilityTriggers, dropImmutabilityTriggers } from './1764000000000-Initial';

// The same portable builders as the earlier migrations (copied: a committed migration never changes).
const id = (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });
const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', ...extra });
const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
const text = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'text', ...extra });
const money = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'bigint', ...extra });
const date = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'date', ...extra });
const ts = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'datetime', precision: 3, ...extra });
const bool = (name: string, def: boolean): TableColumnOptions => ({ name, type: 'boolean', default: def ? 1 : 0 });
const idx = (table: string, suffix: string, columnNames: string[], isUnique = false): TableIndex =>
  new TableIndex({ name: `${isUnique ? 'UQ' : 'IDX'}_${table}_${suffix}`, columnNames, isUnique });

/**
 * Asset and contract registers, rent receipts, supervision warnings and their rules' settings,
 * inspectors' watch lists, public holidays, links between cases, and the payee columns the rules
 * match on.
 */
export class Supervision1766000000000 implements MigrationInterface {
  name = 'Supervision1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await this.addPayeeColumns(q);
    // A citizen report or a rule's warning: both are cases of the one inbox.
    await this.addColumnKeepingTable(q, 'reports', "kind varchar(8) NOT NULL DEFAULT 'report'");
    await q.createIndex('reports', idx('reports', 'kind_status', ['kind', 'status']));
    await this.addColumnKeepingTable(q, 'attachments', 'contract_id integer NULL');
    await q.createIndex('attachments', idx('attachments', 'contract', ['contract_id']));

    await q.createTable(
      new Table({
        name: 'assets',
        columns: [
          id(),
          int('village_id'),
          str('code', 32),
          str('name', 100),
          str('kind', 16),
          str('location', 200),
          int('area_m2', { isNullable: true }),
          money('book_value_fen', { default: 0 }),
          str('usage', 12),
          date('acquired_on', { isNullable: true }),
          str('note', 500, { isNullable: true }),
          str('status', 12),
          str('reject_reason', 500, { isNullable: true }),
          // A change to an approved asset waiting for approval (JSON of the changed fields and who asked).
          text('pending_change', { isNullable: true }),
          int('import_batch_id', { isNullable: true }),
          int('created_by'),
          int('approved_by', { isNullable: true }),
          ts('approved_at', { isNullable: true }),
          ts('created_at'),
          ts('updated_at'),
        ],
        indices: [idx('assets', 'village_code', ['village_id', 'code'], true), idx('assets', 'village_status', ['village_id', 'status'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'contracts',
        columns: [
          id(),
          int('village_id'),
          int('asset_id', { isNullable: true }),
          str('code', 32),
          str('kind', 12),
          str('counterparty_kind', 16),
          str('counterparty_name', 100),
          str('counterparty_display', 100),
          str('counterparty_norm', 100),
          str('counterparty_id_hash', 64, { isNullable: true }),
          date('start_on'),
          date('end_on'),
          str('frequency', 12),
          money('annual_rent_fen', { isNullable: true }),
          money('total_rent_fen', { default: 0 }),
          money('deposit_fen', { default: 0 }),
          int('area_m2', { isNullable: true }),
          str('award_method', 16),
          str('note', 500, { isNullable: true }),
          str('status', 12),
          str('reject_reason', 500, { isNullable: true }),
          date('terminated_on', { isNullable: true }),
          str('termination_reason', 500, { isNullable: true }),
          // A termination waiting for approval: {terminatedOn, reason, requestedBy}.
          text('pending_change', { isNullable: true }),
          int('import_batch_id', { isNullable: true }),
          int('created_by'),
          int('approved_by', { isNullable: true }),
          ts('approved_at', { isNullable: true }),
          ts('created_at'),
          ts('updated_at'),
        ],
        indices: [
          idx('contracts', 'village_code', ['village_id', 'code'], true),
          idx('contracts', 'village_status', ['village_id', 'status']),
          idx('contracts', 'asset', ['asset_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'contract_installments',
        columns: [id(), int('contract_id'), int('seq'), date('period_start'), date('period_end'), date('due_on'), money('amount_fen')],
        indices: [idx('contract_installments', 'contract_seq', ['contract_id', 'seq'], true), idx('contract_installments', 'due', ['due_on'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rent_receipts',
        columns: [id(), int('contract_id'), int('installment_id'), int('entry_id'), money('amount_fen'), int('created_by'), ts('created_at')],
        indices: [
          idx('rent_receipts', 'installment_entry', ['installment_id', 'entry_id'], true),
          idx('rent_receipts', 'contract', ['contract_id']),
          idx('rent_receipts', 'entry', ['entry_id']),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'warnings',
        columns: [
          id(),
          str('rule_id', 40),
          str('subject_type', 10),
          int('subject_id'),
          // '' when the rule finds a subject once; a year, a due date … when it can find it again later.
          str('period', 16, { default: "''" }),
          int('village_id'),
          str('severity', 8),
          str('state', 10),
          str('summary', 500),
          text('evidence'),
          money('amount_fen', { isNullable: true }),
          int('case_id', { isNullable: true }),
          ts('detected_at'),
          ts('resolved_at', { isNullable: true }),
          date('resolved_on', { isNullable: true }),
          ts('updated_at'),
        ],
        indices: [
          idx('warnings', 'key', ['rule_id', 'subject_type', 'subject_id', 'period'], true),
          idx('warnings', 'rule_state', ['rule_id', 'state']),
          idx('warnings', 'village_state', ['village_id', 'state']),
          idx('warnings', 'case', ['case_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rule_settings',
        columns: [id(), int('region_id'), str('rule_id', 40), bool('enabled', true), text('params'), int('updated_by'), ts('updated_at')],
        indices: [idx('rule_settings', 'region_rule', ['region_id', 'rule_id'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rule_runs',
        columns: [
          id(),
          str('rule_id', 40),
          str('mode', 12),
          int('village_id', { isNullable: true }),
          ts('started_at'),
          int('duration_ms'),
          int('findings', { default: 0 }),
          int('created', { default: 0 }),
          int('resolved', { default: 0 }),
          str('error', 500, { isNullable: true }),
        ],
        indices: [idx('rule_runs', 'rule_started', ['rule_id', 'started_at'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'watch_people',
        columns: [
          id(),
          int('region_id'),
          str('list_kind', 20),
          str('name', 50),
          str('name_norm', 50),
          str('id_hash', 64, { isNullable: true }),
          str('relation', 100, { isNullable: true }),
          date('since_on', { isNullable: true }),
          str('source', 100, { isNullable: true }),
          bool('active', true),
          int('created_by'),
          ts('created_at'),
          ts('updated_at'),
        ],
        indices: [idx('watch_people', 'name_kind', ['name_norm', 'list_kind']), idx('watch_people', 'region', ['region_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'holidays',
        columns: [date('day', { isPrimary: true }), str('name', 20)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_links',
        // Stored once per pair, the lower case id first.
        columns: [id(), int('case_id'), int('linked_case_id'), int('created_by', { isNullable: true }), ts('created_at')],
        indices: [idx('case_links', 'pair', ['case_id', 'linked_case_id'], true), idx('case_links', 'linked', ['linked_case_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['case_links', 'holidays', 'watch_people', 'rule_runs', 'rule_settings', 'warnings', 'rent_receipts', 'contract_installments', 'contracts', 'assets'])
      await q.dropTable(t);
    await q.dropIndex('attachments', 'IDX_attachments_contract');
    await q.dropColumn('attachments', 'contract_id');
    await q.dropIndex('reports', 'IDX_reports_kind_status');
    await q.dropColumn('reports', 'kind');
    await q.dropIndex('entries', 'IDX_entries_payee');
    await dropImmutabilityTriggers(q);
    await q.dropColumn('entries', 'counterparty_id_hash');
    await q.dropColumn('entries', 'counterparty_norm');
    await createImmutabilityTriggers(q);
  }

  /**
   * The rules match payees on a normalised name (and an optional keyed hash of their ID number).
   * Existing entries get their normalised name here; published rows are guarded by triggers, which
   * are lifted for this one derived column and put back in the same migration.
   */
  private async addPayeeColumns(q: QueryRunner): Promise<void> {
    await this.addColumnKeepingTable(q, 'entries', 'counterparty_norm varchar(100) NULL');
    await this.addColumnKeepingTable(q, 'entries', 'counterparty_id_hash varchar(64) NULL');
    await dropImmutabilityTriggers(q);
    for (let after = 0; ; ) {
      const rows: { id: number; counterparty_name: string }[] = await q.query('SELECT id, counterparty_name FROM entries WHERE id > ? ORDER BY id LIMIT 2000', [after]);
      if (rows.length === 0) break;
      for (const r of rows) await q.query('UPDATE entries SET counterparty_norm = ? WHERE id = ?', [normalizePersonName(r.counterparty_name), r.id]);
      after = Number(rows[rows.length - 1].id);
    }
    await createImmutabilityTriggers(q);
    // Covering for the payment rules: they read only this index, never whole entry rows.
    await q.createIndex(
      'entries',
      idx('entries', 'payee', [
        'village_id',
        'counterparty_norm',
        'occurred_on',
        'direction',
        'status',
        'amount_fen',
        'reverses_id',
        'payment_method',
        'import_batch_id',
        'created_at',
      ]),
    );
  }

  /**
   * ALTER TABLE … ADD COLUMN on both databases. TypeORM's addColumn rebuilds a SQLite table, and
   * the rebuild would drop the table's triggers (entries) with it.
   */
  private async addColumnKeepingTable(q: QueryRunner, table: string, definition: string): Promise<void> {
    await q.query(`ALTER TABLE ${table} ADD ${q.connection.options.type === 'better-sqlite3' ? 'COLUMN ' : ''}${definition}`);
  }
}
