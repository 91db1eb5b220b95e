import { maskPersonName, normalizePersonName, rentSchedule, resolveRuleParams } from '@mingbai/shared';
import type { AssetKind, AwardMethod, ContractKind, CounterpartyKind, EntryStatus, PaymentMethod, WatchListKind } from '@mingbai/shared';
import type { EntityManager } from 'typeorm';
import type { Finding, RuleContext, SupervisionRule, VillageScope } from '../../src/modules/rules/rule';
import { MYSQL_DIALECT, placeholders, SQLITE_DIALECT } from '../../src/modules/rules/sql-dialect';
import { Entry } from '../../src/modules/ledger/entry.entity';
import { newEntryRow } from '../../src/modules/ledger/new-entry';
import { Attachment } from '../../src/modules/attachments/attachment.entity';
import { Asset } from '../../src/modules/assets/asset.entity';
import { Contract } from '../../src/modules/contracts/contract.entity';
import { ContractInstallment } from '../../src/modules/contracts/contract-installment.entity';
import { RentReceipt } from '../../src/modules/contracts/rent-receipt.entity';
import { WatchPerson } from '../../src/modules/watchlist/watch-person.entity';
import { Holiday } from '../../src/modules/rules/holiday.entity';
import { startTestApp, TestApp } from './test-app';
import { buildWorld, World } from './world';
import { TEST_DB } from './test-database';

/**
 * Runs supervision rules' detect() directly against a test database (SQLite, or MariaDB/MySQL with
 * TEST_DB=mysql), with fixtures inserted straight into the tables. Published entries are inserted
 * as published, with the next serial of their village (the chain itself is not built: the rules
 * never read hashes).
 */
export const DEFAULT_TODAY = '2026-03-01';

export interface RunOptions {
  /** Parameter overrides (validated like a region's settings). */
  params?: Record<string, number>;
  /** Region ids the scope's column must be one of (village ids, or town ids for town-level rules); all when absent. */
  scope?: number[];
  today?: string;
}

export interface EntryFixture {
  villageId: number;
  payee: string;
  amountFen: number;
  occurredOn: string;
  direction?: 'income' | 'expense';
  counterpartyKind?: CounterpartyKind;
  paymentMethod?: PaymentMethod;
  voucherNo?: string | null;
  summary?: string;
  status?: EntryStatus;
  /** Default: 10:00 China time on occurredOn. */
  createdAt?: Date;
  importBatchId?: number | null;
  idHash?: string | null;
  reversesId?: number | null;
}

export interface ContractFixture {
  villageId: number;
  assetId?: number | null;
  kind?: ContractKind;
  party?: string;
  partyKind?: CounterpartyKind;
  startOn: string;
  endOn: string;
  /** Yearly schedule from this annual rent, unless `installments` is given (a custom schedule). */
  annualRentFen?: number;
  installments?: { dueOn: string; amountFen: number }[];
  areaM2?: number | null;
  awardMethod?: AwardMethod;
  status?: 'draft' | 'submitted' | 'approved' | 'rejected';
  terminatedOn?: string | null;
}

export interface ContractMade {
  id: number;
  villageId: number;
  installments: { id: number; seq: number; dueOn: string; amountFen: number }[];
}

export function scopeOf(ids?: number[]): VillageScope {
  if (!ids) return { sql: () => '1 = 1', params: [], villageId: null };
  return { sql: (column) => `${column} IN (${placeholders(ids)})`, params: [...ids], villageId: ids.length === 1 ? ids[0] : null };
}

export class RuleHarness {
  private readonly serials = new Map<number, number>();
  private seq = 0;

  private constructor(
    readonly t: TestApp,
    readonly w: World,
  ) {}

  static async start(): Promise<RuleHarness> {
    const t = await startTestApp();
    return new RuleHarness(t, await buildWorld(t));
  }

  close(): Promise<void> {
    return this.t.close();
  }

  get em(): EntityManager {
    return this.t.dataSource.manager;
  }

  context(rule: SupervisionRule, options: RunOptions = {}): RuleContext {
    const today = options.today ?? DEFAULT_TODAY;
    return {
      em: this.em,
      dialect: TEST_DB === 'mysql' ? MYSQL_DIALECT : SQLITE_DIALECT,
      params: resolveRuleParams(rule, options.params),
      scope: scopeOf(options.scope),
      today,
      now: new Date(`${today}T04:00:00Z`),
    };
  }

  async run(rule: SupervisionRule, options: RunOptions = {}): Promise<Finding[]> {
    const ctx = this.context(rule, options);
    for (const [key, value] of Object.entries(options.params ?? {}))
      if (ctx.params[key] !== value) throw new Error(`parameter ${key}=${value} was not accepted`);
    return rule.detect(ctx);
  }

  /** A unique string for codes and payee names, so fixtures of one file never meet. */
  unique(prefix: string): string {
    return `${prefix}${++this.seq}`;
  }

  // ------------------------------------------------------------ entries

  async entries(list: EntryFixture[]): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < list.length; i += 200) {
      const rows = list.slice(i, i + 200).map((f) => this.entryRow(f));
      const result = await this.em.insert(Entry, rows);
      ids.push(...result.identifiers.map((x) => Number(x.id)));
    }
    return ids;
  }

  async entry(f: EntryFixture): Promise<number> {
    return (await this.entries([f]))[0];
  }

  /** A published reversal (红字冲销) of a published entry, dated `on`. */
  async reverse(entryId: number, on = DEFAULT_TODAY, status: EntryStatus = 'published'): Promise<number> {
    const e = await this.em.findOneByOrFail(Entry, { id: entryId });
    return this.entry({
      villageId: e.villageId,
      payee: e.counterpartyName,
      counterpartyKind: e.counterpartyKind,
      amountFen: e.amountFen,
      occurredOn: on,
      direction: e.direction,
      paymentMethod: e.paymentMethod,
      voucherNo: e.voucherNo,
      summary: `冲销第${e.serial}号：录入错误`,
      reversesId: e.id,
      status,
    });
  }

  async attach(entryId: number): Promise<void> {
    const e = await this.em.findOneByOrFail(Entry, { id: entryId });
    await this.em.insert(Attachment, {
      villageId: e.villageId,
      entryId,
      contractId: null,
      storageKey: this.unique('voucher-'),
      mime: 'image/jpeg',
      sizeBytes: 1000,
      sha256: '0'.repeat(64),
      uploadedBy: this.w.userIds.bk_a,
      createdAt: new Date(),
    });
  }

  private entryRow(f: EntryFixture): Omit<Entry, 'id'> {
    const status = f.status ?? 'published';
    const kind = f.counterpartyKind ?? 'person';
    const createdAt = f.createdAt ?? new Date(`${f.occurredOn}T02:00:00.000Z`);
    const row = newEntryRow({
      villageId: f.villageId,
      status,
      direction: f.direction ?? 'expense',
      subjectCode: f.direction === 'income' ? '501' : '541',
      amountFen: f.amountFen,
      occurredOn: f.occurredOn,
      counterpartyKind: kind,
      counterpartyName: f.payee,
      counterpartyDisplay: kind === 'person' ? maskPersonName(f.payee) : f.payee,
      summary: f.summary ?? '测试支出',
      paymentMethod: f.paymentMethod ?? 'bank',
      voucherNo: f.voucherNo === undefined ? null : f.voucherNo,
      createdBy: this.w.userIds.bk_a,
      createdAt,
      importBatchId: f.importBatchId ?? null,
      counterpartyIdHash: f.idHash ?? null,
      reversesId: f.reversesId ?? null,
    });
    if (status !== 'published') return row;
    const serial = (this.serials.get(f.villageId) ?? 0) + 1;
    this.serials.set(f.villageId, serial);
    return { ...row, serial, hash: 'f'.repeat(64), prevHash: 'e'.repeat(64), publishedAt: createdAt, submittedAt: createdAt };
  }

  // ------------------------------------------------------------ registers

  async asset(villageId: number, kind: AssetKind, areaM2: number | null): Promise<number> {
    const now = new Date();
    const result = await this.em.insert(Asset, {
      villageId,
      code: this.unique('ZC-'),
      name: `测试${kind}`,
      kind,
      location: '村东',
      areaM2,
      bookValueFen: 0,
      usage: 'leased',
      acquiredOn: null,
      note: null,
      status: 'approved',
      rejectReason: null,
      pendingChange: null,
      importBatchId: null,
      createdBy: this.w.userIds.bk_a,
      approvedBy: this.w.userIds.ap_a,
      approvedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    return Number(result.identifiers[0].id);
  }

  async contract(f: ContractFixture): Promise<ContractMade> {
    const schedule = f.installments
      ? f.installments.map((x, i) => ({ seq: i + 1, periodStart: x.dueOn, periodEnd: x.dueOn, dueOn: x.dueOn, amountFen: x.amountFen }))
      : rentSchedule({ startOn: f.startOn, endOn: f.endOn, annualRentFen: f.annualRentFen ?? 1_000_000, frequency: 'yearly' });
    const party = f.party ?? this.unique('承租人');
    const partyKind = f.partyKind ?? 'person';
    const now = new Date();
    const result = await this.em.insert(Contract, {
      villageId: f.villageId,
      assetId: f.assetId ?? null,
      code: this.unique('HT-'),
      kind: f.kind ?? 'lease',
      counterpartyKind: partyKind,
      counterpartyName: party,
      counterpartyDisplay: partyKind === 'person' ? maskPersonName(party) : party,
      counterpartyNorm: normalizePersonName(party),
      counterpartyIdHash: null,
      startOn: f.startOn,
      endOn: f.endOn,
      frequency: f.installments ? 'custom' : 'yearly',
      annualRentFen: f.installments ? null : (f.annualRentFen ?? 1_000_000),
      totalRentFen: schedule.reduce((s, x) => s + x.amountFen, 0),
      depositFen: 0,
      areaM2: f.areaM2 ?? null,
      awardMethod: f.awardMethod ?? 'public_tender',
      note: null,
      status: f.status ?? 'approved',
      rejectReason: null,
      terminatedOn: f.terminatedOn ?? null,
      terminationReason: f.terminatedOn ? '协商解除' : null,
      pendingChange: null,
      importBatchId: null,
      createdBy: this.w.userIds.bk_a,
      approvedBy: this.w.userIds.ap_a,
      approvedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const id = Number(result.identifiers[0].id);
    const inserted = await this.em.insert(
      ContractInstallment,
      schedule.map((x) => ({ contractId: id, seq: x.seq, periodStart: x.periodStart, periodEnd: x.periodEnd, dueOn: x.dueOn, amountFen: x.amountFen })),
    );
    const installments = schedule.map((x, i) => ({ id: Number(inserted.identifiers[i].id), seq: x.seq, dueOn: x.dueOn, amountFen: x.amountFen }));
    return { id, villageId: f.villageId, installments };
  }

  /** Rent received against an installment, recorded by an income entry (published unless told). */
  async receipt(contract: ContractMade, seq: number, amountFen: number, options: { on?: string; status?: EntryStatus } = {}): Promise<number> {
    const inst = contract.installments.find((x) => x.seq === seq)!;
    const entryId = await this.entry({
      villageId: contract.villageId,
      payee: this.unique('租户'),
      amountFen,
      occurredOn: options.on ?? inst.dueOn,
      direction: 'income',
      status: options.status,
    });
    await this.em.insert(RentReceipt, {
      contractId: contract.id,
      installmentId: inst.id,
      entryId,
      amountFen,
      createdBy: this.w.userIds.bk_a,
      createdAt: new Date(),
    });
    return entryId;
  }

  // ------------------------------------------------------------ lists

  async watchPerson(f: {
    regionId: number;
    listKind: WatchListKind;
    name: string;
    idHash?: string | null;
    relation?: string | null;
    sinceOn?: string | null;
    active?: boolean;
  }): Promise<number> {
    const now = new Date();
    const result = await this.em.insert(WatchPerson, {
      regionId: f.regionId,
      listKind: f.listKind,
      name: f.name,
      nameNorm: normalizePersonName(f.name),
      idHash: f.idHash ?? null,
      relation: f.relation ?? null,
      sinceOn: f.sinceOn ?? null,
      source: null,
      active: f.active ?? true,
      createdBy: this.w.userIds.insp_county,
      createdAt: now,
      updatedAt: now,
    });
    return Number(result.identifiers[0].id);
  }

  /** A day off with this name (replacing the day as the app's holiday list loaded it, if it did). */
  async holiday(day: string, name: string): Promise<void> {
    await this.em.delete(Holiday, { day });
    await this.em.insert(Holiday, { day, name });
  }
}

/** The findings about one subject. */
export function about(findings: Finding[], subjectId: number, period?: string): Finding[] {
  return findings.filter((f) => f.subjectId === subjectId && (period === undefined || f.period === period));
}
