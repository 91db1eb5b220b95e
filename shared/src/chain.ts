import type { CounterpartyKind, Direction, PaymentMethod } from './enums';
import { sha256Hex } from './sha256';

/** The hash that precedes serial 1 of every village's chain. */
export const GENESIS_HASH = '0'.repeat(64);
export const CHAIN_FORMAT = 'mingbai-entry-v1';

/**
 * The published fields that the chain commits to, exactly as the public API shows them
 * (a person counterparty is already masked), so that anyone can recompute the hash.
 */
export interface ChainedEntry {
  villageId: number;
  serial: number;
  direction: Direction;
  subjectCode: string;
  amountFen: number;
  occurredOn: string;
  counterpartyKind: CounterpartyKind;
  counterpartyName: string;
  summary: string;
  paymentMethod: PaymentMethod;
  voucherNo: string | null;
  /** Serial of the entry this one reverses (红字冲销), or null. */
  reversesSerial: number | null;
}

/** Canonical serialisation: a JSON array in a fixed order, no whitespace. */
export function canonicalEntry(entry: ChainedEntry, prevHash: string): string {
  return JSON.stringify([
    CHAIN_FORMAT,
    entry.villageId,
    entry.serial,
    entry.direction,
    entry.subjectCode,
    entry.amountFen,
    entry.occurredOn,
    entry.counterpartyKind,
    entry.counterpartyName,
    entry.summary,
    entry.paymentMethod,
    entry.voucherNo ?? '',
    entry.reversesSerial ?? 0,
    prevHash,
  ]);
}

export function computeEntryHash(entry: ChainedEntry, prevHash: string): string {
  return sha256Hex(canonicalEntry(entry, prevHash));
}

export interface PublishedLink extends ChainedEntry {
  hash: string;
  prevHash: string;
}

export type LinkCheck = 'ok' | 'hash-mismatch' | 'broken-link';

/** Checks one entry's own hash, and that it follows `previous` (when the previous entry is known). */
export function checkLink(entry: PublishedLink, previous?: PublishedLink | null): LinkCheck {
  if (computeEntryHash(entry, entry.prevHash) !== entry.hash) return 'hash-mismatch';
  if (entry.serial === 1 && entry.prevHash !== GENESIS_HASH) return 'broken-link';
  if (previous && (previous.serial !== entry.serial - 1 || previous.hash !== entry.prevHash))
    return 'broken-link';
  return 'ok';
}

export interface ChainProblem {
  serial: number;
  problem: LinkCheck | 'gap';
}

/** Verifies a whole chain given in ascending serial order from serial 1; returns the first problem. */
export function verifyChain(entries: Iterable<PublishedLink>): ChainProblem | null {
  let previous: PublishedLink | null = null;
  let expected = 1;
  for (const entry of entries) {
    if (entry.serial !== expected) return { serial: expected, problem: 'gap' };
    const check = checkLink(entry, previous);
    if (check !== 'ok') return { serial: entry.serial, problem: check };
    previous = entry;
    expected++;
  }
  return null;
}
