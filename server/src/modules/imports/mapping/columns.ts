/** The entry fields a column can fill; amountYuan and amountFen are two ways to give the amount. */
export type ImportField =
  | 'occurredOn'
  | 'direction'
  | 'subjectCode'
  | 'amountYuan'
  | 'amountFen'
  | 'counterpartyName'
  | 'counterpartyKind'
  | 'summary'
  | 'paymentMethod'
  | 'voucherNo';

/**
 * Accepted headers per field, written as normalizeHeader() leaves them (lower case, no spaces,
 * ASCII parentheses). Chinese as exported by common village accounting software, and English.
 */
export const COLUMN_ALIASES: Record<ImportField, string[]> = {
  occurredOn: ['日期', '发生日期', '业务日期', '凭证日期', '记账日期', 'date', 'occurred_on', 'occurredon'],
  direction: ['收支', '方向', '收支方向', '收支类型', 'direction'],
  subjectCode: ['科目编码', '科目代码', '科目', '会计科目', '科目编号', 'subject', 'subject_code', 'subjectcode'],
  amountYuan: ['金额', '金额(元)', '金额元', 'amount', 'amount_yuan', 'amountyuan'],
  amountFen: ['金额(分)', '金额分', 'amount_fen', 'amountfen'],
  counterpartyName: [
    '对方单位',
    '对方',
    '对方名称',
    '往来单位',
    '收款人',
    '付款人',
    '收款单位',
    '付款单位',
    '收(付)款人',
    'counterparty',
    'counterparty_name',
    'counterpartyname',
  ],
  counterpartyKind: ['对方类型', '对方性质', 'counterparty_kind', 'counterpartykind'],
  summary: ['摘要', '摘要说明', 'summary'],
  paymentMethod: ['结算方式', '付款方式', '收付方式', '支付方式', 'payment_method', 'paymentmethod'],
  voucherNo: ['凭证号', '凭证编号', '凭证字号', 'voucher_no', 'voucherno'],
};

/** Columns a file must have (the amount in one of its two forms; see resolveColumns). */
const REQUIRED: ImportField[] = ['occurredOn', 'subjectCode', 'counterpartyName', 'summary', 'paymentMethod'];

const BY_HEADER = new Map<string, ImportField>(
  (Object.entries(COLUMN_ALIASES) as [ImportField, string[]][]).flatMap(([field, names]) => names.map((n) => [n, field] as const)),
);

/** "金额（元）" → "金额(元)", " Amount " → "amount", "*日期" → "日期" (a leading * marks required columns in templates). */
export function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*/, '')
    .toLowerCase();
}

export type ColumnMap = Partial<Record<ImportField, number>>;

export interface HeaderProblem {
  field: string;
  reason: string;
}

/**
 * Which column holds which field. Unknown columns are refused rather than ignored: a mistyped
 * header (say, for the counterparty kind) would otherwise be dropped silently.
 */
export function resolveColumns(header: string[]): { columns: ColumnMap; problems: HeaderProblem[] } {
  const columns: ColumnMap = {};
  const problems: HeaderProblem[] = [];
  const unknown: string[] = [];
  header.forEach((raw, index) => {
    if (raw === '') return; // an unnamed column must stay empty; cells there are reported per row
    const field = BY_HEADER.get(normalizeHeader(raw));
    if (!field) return void unknown.push(raw);
    if (columns[field] !== undefined) return void problems.push({ field, reason: `列“${raw}”与前面的列重复 (duplicate column)` });
    columns[field] = index;
  });
  if (unknown.length)
    problems.push({
      field: 'columns',
      reason: `不认识的列：${unknown.join('、')}。可用的列：${acceptedHeaders()} (unknown columns)`,
    });
  if (columns.amountYuan !== undefined && columns.amountFen !== undefined)
    problems.push({ field: 'amountFen', reason: '金额(元)与金额(分)只能有一列 (give the amount once)' });
  for (const field of REQUIRED)
    if (columns[field] === undefined) problems.push({ field, reason: `缺少列：${COLUMN_ALIASES[field].slice(0, 3).join(' / ')}` });
  if (columns.amountYuan === undefined && columns.amountFen === undefined)
    problems.push({ field: 'amountFen', reason: '缺少列：金额 / 金额(元) / 金额(分)' });
  return { columns, problems };
}

function acceptedHeaders(): string {
  return Object.values(COLUMN_ALIASES)
    .map((names) => names[0])
    .join('、');
}
