import { computeEntryHash, GENESIS_HASH, verifyChain, type ChainedEntry, type PublishedLink } from './chain';

const base: ChainedEntry = {
  villageId: 7,
  serial: 1,
  direction: 'income',
  subjectCode: '501',
  amountFen: 1250000,
  occurredOn: '2025-03-05',
  counterpartyKind: 'person',
  counterpartyName: '张*三',
  summary: '鱼塘承包费🐟',
  paymentMethod: 'bank',
  voucherNo: null,
  reversesSerial: null,
};

function chain(n: number): PublishedLink[] {
  const out: PublishedLink[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = { ...base, serial: i, amountFen: i * 100 };
    const hash = computeEntryHash(e, prev);
    out.push({ ...e, hash, prevHash: prev });
    prev = hash;
  }
  return out;
}

describe('hash chain', () => {
  it('is deterministic and sensitive to every field', () => {
    const h = computeEntryHash(base, GENESIS_HASH);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(computeEntryHash({ ...base }, GENESIS_HASH)).toBe(h);
    for (const [k, v] of Object.entries({ amountFen: 1250001, summary: '鱼塘承包费', voucherNo: 'x', reversesSerial: 3, counterpartyName: '张*四' }))
      expect(computeEntryHash({ ...base, [k]: v }, GENESIS_HASH)).not.toBe(h);
  });
  it('verifies a good chain and names the first bad serial', () => {
    const c = chain(5);
    expect(verifyChain(c)).toBeNull();
    c[2] = { ...c[2], amountFen: 1 };
    expect(verifyChain(c)).toEqual({ serial: 3, problem: 'hash-mismatch' });
    expect(verifyChain([chain(3)[0], chain(3)[2]])).toEqual({ serial: 2, problem: 'gap' });
  });
});
