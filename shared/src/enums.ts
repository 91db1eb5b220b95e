export const DIRECTIONS = ['income', 'expense'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const PAYMENT_METHODS = ['cash', 'bank', 'transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const COUNTERPARTY_KINDS = ['person', 'organisation'] as const;
export type CounterpartyKind = (typeof COUNTERPARTY_KINDS)[number];

export const ROLES = ['admin', 'bookkeeper', 'approver', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

export const REGION_LEVELS = ['city', 'county', 'town', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const CHART_VERSIONS = ['2004', '2023'] as const;
export type ChartVersion = (typeof CHART_VERSIONS)[number];

/** Chinese labels for everything a villager reads. */
export const DIRECTION_LABELS: Record<Direction, string> = { income: '收入', expense: '支出' };
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  cash: '现金',
  bank: '银行',
  transfer: '转账',
};
export const COUNTERPARTY_KIND_LABELS: Record<CounterpartyKind, string> = { person: '个人', organisation: '单位' };
export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  bookkeeper: '报账员',
  approver: '审批人',
  inspector: '纪检监察',
};
