import type { Finding } from './rule';
import {
  EVIDENCE_MAX_BYTES,
  evidenceJson,
  InvalidFinding,
  planWarnings,
  prepareFindings,
  SUMMARY_MAX_CHARS,
  type StoredWarning,
} from './warning-plan';

const finding = (over: Partial<Finding> = {}): Finding => ({
  subjectType: 'entry',
  subjectId: 1,
  period: '',
  villageId: 10,
  amountFen: 500,
  summary: '发现问题',
  evidence: [{ type: 'entry', id: 1, label: 'entry 1' }],
  facts: { days: 3 },
  ...over,
});

const stored = (over: Partial<StoredWarning> = {}): StoredWarning => {
  const [f] = prepareFindings([finding()]);
  return {
    id: 100,
    subjectType: 'entry',
    subjectId: 1,
    period: '',
    villageId: 10,
    state: 'open',
    summary: f.summary,
    evidence: f.evidence,
    amountFen: 500,
    caseId: 7,
    caseStatus: 'accepted',
    ...over,
  };
};

describe('prepareFindings', () => {
  it('keeps the first of two findings with one key and stores evidence as {items, facts}', () => {
    const out = prepareFindings([finding(), finding({ summary: 'second' }), finding({ period: '2025' })]);
    expect(out.map((f) => [f.subjectId, f.period, f.summary])).toEqual([
      [1, '', '发现问题'],
      [1, '2025', '发现问题'],
    ]);
    expect(JSON.parse(out[0].evidence)).toEqual({ items: [{ type: 'entry', id: 1, label: 'entry 1' }], facts: { days: 3 } });
  });

  it('cuts a long summary to the column and evidence to what the column holds', () => {
    const [long] = prepareFindings([finding({ summary: '长'.repeat(SUMMARY_MAX_CHARS + 10) })]);
    expect(Array.from(long.summary)).toHaveLength(SUMMARY_MAX_CHARS);
    expect(long.summary.endsWith('…')).toBe(true);
    const many = Array.from({ length: 500 }, (_, i) => ({ type: 'entry' as const, id: i, label: '很长的说明文字'.repeat(20) }));
    const json = evidenceJson({ evidence: many, facts: { n: 500 } });
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(EVIDENCE_MAX_BYTES);
    const parsed = JSON.parse(json);
    expect(parsed.facts).toEqual({ n: 500 });
    expect(parsed.items.length).toBeGreaterThan(10);
  });

  it('refuses what cannot be stored (the rule fails and its run records why)', () => {
    expect(() => prepareFindings([finding({ subjectId: 0 })])).toThrow(InvalidFinding);
    expect(() => prepareFindings([finding({ villageId: 1.5 })])).toThrow(InvalidFinding);
    expect(() => prepareFindings([finding({ period: '2025-01-01/2025-12-31' })])).toThrow(InvalidFinding);
    expect(() => prepareFindings([finding({ subjectType: 'person' as never })])).toThrow(InvalidFinding);
    expect(() => prepareFindings([finding({ amountFen: 1.5 })])).toThrow(InvalidFinding);
    expect(() => prepareFindings([finding({ summary: '  ' })])).toThrow(InvalidFinding);
  });
});

describe('planWarnings', () => {
  it('creates new keys, leaves unchanged ones alone, updates changed open ones', () => {
    const plan = planWarnings([stored()], prepareFindings([finding(), finding({ subjectId: 2 })]));
    expect(plan.create.map((f) => f.subjectId)).toEqual([2]);
    expect([plan.update, plan.reopen, plan.resolve, plan.unchanged]).toEqual([[], [], [], 1]);
    for (const changed of [finding({ summary: '金额变了' }), finding({ amountFen: 600 }), finding({ facts: { days: 4 } })]) {
      const p = planWarnings([stored()], prepareFindings([changed]));
      expect(p.update.map((u) => u.stored.id)).toEqual([100]);
      expect(p.create).toEqual([]);
    }
  });

  it('reopens a resolved warning found again and resolves an open one not found', () => {
    const plan = planWarnings(
      [
        stored(),
        stored({ id: 101, subjectId: 2, state: 'resolved', evidence: null }),
        stored({ id: 102, subjectId: 3, state: 'resolved' }),
      ],
      prepareFindings([finding({ subjectId: 2 })]),
    );
    expect(plan.reopen.map((r) => r.stored.id)).toEqual([101]);
    expect(plan.resolve.map((w) => w.id)).toEqual([100]);
    expect(plan.create).toEqual([]);
  });
});
