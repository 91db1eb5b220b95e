import { contractInstallments, validateAssetInput, validateContractInput, validateTermination } from './register-rules';

const asset = (over: Record<string, unknown> = {}) => ({
  code: 'ZC-001',
  name: '村部办公楼',
  kind: 'building',
  location: '上坂村一组',
  areaM2: 600,
  bookValueFen: 120_000_000,
  usage: 'self_used',
  acquiredOn: '2010-05-01',
  note: null,
  ...over,
});

const contract = (over: Record<string, unknown> = {}) => ({
  code: 'HT-2025-01',
  kind: 'lease',
  counterpartyKind: 'person',
  counterpartyName: '张小三',
  startOn: '2025-01-01',
  endOn: '2027-12-31',
  frequency: 'yearly',
  annualRentFen: 1_200_000,
  depositFen: 0,
  areaM2: null,
  awardMethod: 'public_tender',
  note: null,
  ...over,
});

const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('validateAssetInput', () => {
  const ctx = { today: '2026-01-01' };
  it('accepts a complete asset, with or without area, date and note', () => {
    expect(validateAssetInput(asset(), ctx)).toEqual([]);
    expect(validateAssetInput(asset({ areaM2: null, acquiredOn: null, note: '2020年翻修', bookValueFen: 0 }), ctx)).toEqual([]);
  });

  it('names every bad field', () => {
    const errors = validateAssetInput(
      {
        code: ' ',
        name: 'x'.repeat(101),
        kind: 'castle',
        location: undefined,
        areaM2: 1.5,
        bookValueFen: -1,
        usage: 'sold',
        acquiredOn: '2026-01-02',
        note: '联系 13800138000',
      },
      ctx,
    );
    expect(fields(errors)).toEqual(['code', 'name', 'kind', 'location', 'areaM2', 'bookValueFen', 'usage', 'acquiredOn', 'note']);
    expect(fields(validateAssetInput(asset({ acquiredOn: '2025-02-30', areaM2: 0 }), ctx))).toEqual(['areaM2', 'acquiredOn']);
  });
});

describe('validateContractInput', () => {
  it('accepts a generated schedule and a custom one', () => {
    expect(validateContractInput(contract())).toEqual([]);
    const custom = contract({
      frequency: 'custom',
      annualRentFen: null,
      installments: [
        { periodStart: '2025-01-01', periodEnd: '2025-12-31', dueOn: '2025-01-15', amountFen: 500_000 },
        { periodStart: '2026-01-01', periodEnd: '2027-12-31', dueOn: '2026-01-15', amountFen: 900_000 },
      ],
    });
    expect(validateContractInput(custom)).toEqual([]);
  });

  it('needs an annual rent unless custom, and installments only when custom', () => {
    expect(fields(validateContractInput(contract({ annualRentFen: null })))).toEqual(['annualRentFen']);
    expect(fields(validateContractInput(contract({ annualRentFen: 0 })))).toEqual(['annualRentFen']);
    expect(
      fields(
        validateContractInput(
          contract({ installments: [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', dueOn: '2025-01-01', amountFen: 1 }] }),
        ),
      ),
    ).toEqual(['installments']);
    expect(fields(validateContractInput(contract({ frequency: 'custom', annualRentFen: null })))).toEqual(['installments']);
  });

  it('checks custom installments: dates ascending, within the term, amounts above zero', () => {
    const errors = validateContractInput(
      contract({
        frequency: 'custom',
        annualRentFen: null,
        installments: [
          { periodStart: '2024-12-01', periodEnd: '2025-06-30', dueOn: '2025-01-01', amountFen: 100 },
          { periodStart: '2025-06-01', periodEnd: '2025-12-31', dueOn: '2024-12-31', amountFen: 100 },
          { periodStart: '2026-01-01', periodEnd: '2026-12-31', dueOn: '2026-01-01', amountFen: 0 },
          { periodStart: '2027-01-01', periodEnd: '2026-12-31', dueOn: '2027-01-01', amountFen: 100 },
        ],
      }),
    );
    expect(fields(errors)).toEqual([
      'installments[0].periodStart',
      'installments[1].dueOn',
      'installments[1].periodStart',
      'installments[1].dueOn',
      'installments[2].amountFen',
      'installments[3].periodEnd',
    ]);
  });

  it('checks the term, the counterparty and its ID number', () => {
    expect(fields(validateContractInput(contract({ endOn: '2024-12-31' })))).toEqual(['endOn']);
    expect(fields(validateContractInput(contract({ endOn: '2125-01-01' })))).toEqual(['endOn']);
    expect(fields(validateContractInput(contract({ startOn: '2025-13-01' })))).toEqual(['startOn']);
    expect(
      fields(
        validateContractInput(
          contract({ counterpartyKind: 'organisation', counterpartyName: '上坂合作社', counterpartyIdNumber: '11010519491231002X' }),
        ),
      ),
    ).toEqual(['counterpartyIdNumber']);
    expect(fields(validateContractInput(contract({ counterpartyIdNumber: '110105194912310021' })))).toEqual(['counterpartyIdNumber']);
    expect(validateContractInput(contract({ counterpartyIdNumber: '11010519491231002X' }))).toEqual([]);
  });

  it('refuses more installments than allowed', () => {
    expect(fields(validateContractInput(contract({ frequency: 'monthly', endOn: '2075-12-31' })))).toEqual(['frequency']);
    expect(validateContractInput(contract({ frequency: 'monthly', endOn: '2074-12-31' }))).toEqual([]);
  });
});

describe('contractInstallments', () => {
  it('generates from the annual rent, or numbers the given ones', () => {
    const generated = contractInstallments({
      startOn: '2025-01-01',
      endOn: '2026-12-31',
      frequency: 'half_yearly',
      annualRentFen: 1_000_000,
    });
    expect(generated.map((i) => [i.seq, i.dueOn, i.amountFen])).toEqual([
      [1, '2025-01-01', 500_000],
      [2, '2025-07-01', 500_000],
      [3, '2026-01-01', 500_000],
      [4, '2026-07-01', 500_000],
    ]);
    const given = contractInstallments({
      startOn: '2025-01-01',
      endOn: '2025-12-31',
      frequency: 'custom',
      annualRentFen: null,
      installments: [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', dueOn: '2025-03-01', amountFen: 7 }],
    });
    expect(given).toEqual([{ seq: 1, periodStart: '2025-01-01', periodEnd: '2025-12-31', dueOn: '2025-03-01', amountFen: 7 }]);
  });
});

describe('validateTermination', () => {
  const term = { startOn: '2025-01-01', endOn: '2027-12-31' };
  it('wants a date within the term before its end and a reason', () => {
    expect(validateTermination({ terminatedOn: '2025-06-30', reason: '承租方退租' }, term)).toEqual([]);
    expect(fields(validateTermination({ terminatedOn: '2027-12-31', reason: ' ' }, term))).toEqual(['terminatedOn', 'reason']);
    expect(fields(validateTermination({ terminatedOn: '2024-12-31', reason: 'x' }, term))).toEqual(['terminatedOn']);
  });
});
