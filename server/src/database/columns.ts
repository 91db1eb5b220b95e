import { ColumnOptions, ValueTransformer } from 'typeorm';

/** bigint arrives as a string from MySQL and a number from SQLite; money must be a number of fen. */
export const bigintNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? v : Number(v)),
};

export const moneyColumn = (name: string, extra: Partial<ColumnOptions> = {}): ColumnOptions => ({
  name,
  type: 'bigint',
  transformer: bigintNumber,
  ...extra,
});

/** Millisecond datetimes on both databases (MySQL drops milliseconds without precision 3). */
export const timestampColumn = (name: string, extra: Partial<ColumnOptions> = {}): ColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  ...extra,
});
