import { ASSET_KIND_LABELS, CONTRACT_KIND_LABELS, DIRECTION_LABELS, formatFen } from '@mingbai/shared';
import type { AssetKind, ContractKind, Direction, EvidenceItemDto } from '@mingbai/shared';

/**
 * Reading raw rows (MySQL gives bigints and aggregates as strings, SQLite as numbers; DATE columns
 * are 'YYYY-MM-DD' strings on both) and writing the Chinese labels of findings.
 */
export type Row = Record<string, unknown>;
export type Evidence = Omit<EvidenceItemDto, 'path'>;

export function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

export function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** A DATE value as YYYY-MM-DD (a Date from a driver that ignores dateStrings is read in UTC). */
export function day(v: unknown): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : str(v).slice(0, 10);
}

/** 999800 → "9,998.00" (yuan, two decimals). */
export function yuan(fen: number): string {
  return formatFen(fen).replace('¥', '');
}

/** Whole days from `from` to `to` (YYYY-MM-DD), positive when `to` is later. */
export function daysFrom(from: string, to: string): number {
  const utc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** The first `max` characters of a free text, with an ellipsis when cut. */
export function clip(text: string, max = 20): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

// ---------------------------------------------------------------- entries

export interface EntryFacts {
  id: number;
  villageId: number;
  serial: number;
  direction: Direction;
  occurredOn: string;
  amountFen: number;
  /** The public form of the counterparty (a person's name masked). */
  payee: string;
  summary: string;
  paymentMethod: string;
  voucherNo: string;
}

/** An entry selected with entryColumns(alias, prefix). */
export function readEntry(r: Row, prefix = ''): EntryFacts {
  return {
    id: num(r[`${prefix}id`]),
    villageId: num(r[`${prefix}village_id`]),
    serial: num(r[`${prefix}serial`]),
    direction: str(r[`${prefix}direction`]) as Direction,
    occurredOn: day(r[`${prefix}occurred_on`]),
    amountFen: num(r[`${prefix}amount_fen`]),
    payee: str(r[`${prefix}payee`]),
    summary: str(r[`${prefix}summary`]),
    paymentMethod: str(r[`${prefix}payment_method`]),
    voucherNo: str(r[`${prefix}voucher_no`]).trim(),
  };
}

/** "2025-03-05 支出 4,999.00 元 张*三 办公用品（第 12 号）" */
export function entryEvidence(e: EntryFacts): Evidence {
  const label = `${e.occurredOn} ${DIRECTION_LABELS[e.direction] ?? ''} ${yuan(e.amountFen)} 元 ${e.payee} ${clip(e.summary)}（第 ${e.serial} 号）`;
  return { type: 'entry', id: e.id, label: label.replace(/\s+/g, ' ') };
}

/** The facts every entry-level finding carries. */
export function entryFacts(e: EntryFacts): Record<string, number | string | null> {
  return { entryId: e.id, serial: e.serial, occurredOn: e.occurredOn, amountFen: e.amountFen };
}

export function figure(label: string): Evidence {
  return { type: 'figure', id: null, label };
}

// ---------------------------------------------------------------- contracts

export interface ContractFacts {
  id: number;
  villageId: number;
  code: string;
  kind: ContractKind;
  party: string;
  startOn: string;
  endOn: string;
  totalRentFen: number;
  awardMethod: string;
  assetName: string | null;
  assetKind: AssetKind | null;
}

/** A contract selected with contractColumns(). */
export function readContract(r: Row): ContractFacts {
  return {
    id: num(r.c_id),
    villageId: num(r.c_village_id),
    code: str(r.c_code),
    kind: str(r.c_kind) as ContractKind,
    party: str(r.c_party),
    startOn: day(r.c_start_on),
    endOn: day(r.c_end_on),
    totalRentFen: num(r.c_total_rent_fen),
    awardMethod: str(r.c_award_method),
    assetName: r.c_asset_name === null || r.c_asset_name === undefined ? null : str(r.c_asset_name),
    assetKind: r.c_asset_kind === null || r.c_asset_kind === undefined ? null : (str(r.c_asset_kind) as AssetKind),
  };
}

/** "合同 HT-01（租赁 鱼塘一号 张*三，2020-01-01 至 2039-12-31）" */
export function contractName(c: ContractFacts): string {
  const what = [CONTRACT_KIND_LABELS[c.kind] ?? c.kind, c.assetName, c.party].filter(Boolean).join(' ');
  return `合同 ${c.code}（${what}，${c.startOn} 至 ${c.endOn}）`;
}

export function contractEvidence(c: ContractFacts): Evidence {
  const asset = c.assetKind ? `，${ASSET_KIND_LABELS[c.assetKind] ?? c.assetKind}` : '';
  return { type: 'contract', id: c.id, label: `${contractName(c)}${asset}，总租金 ${yuan(c.totalRentFen)} 元` };
}
