/**
 * The few SQL fragments that differ between MySQL/MariaDB and SQLite, for the rules' set-based
 * queries. Everything else in a rule is plain SQL that both databases run. Numbers inlined here
 * must be safe integers (they come from validated rule parameters); values from users are always
 * bound with `?`.
 */
export interface SqlDialect {
  readonly mysql: boolean;
  /** A DATE expression `days` days after the DATE expression `date` (negative: before). */
  addDays(date: string, days: number): string;
  /** Whole days from DATE `from` to DATE `to` (positive when `to` is later). */
  daysBetween(from: string, to: string): string;
  /** The China calendar date (UTC+8) of a UTC DATETIME expression, as a DATE. */
  chinaDate(datetime: string): string;
  /** 'YYYY' of a DATE expression, as text. */
  year(date: string): string;
  /** An integer expression as text (for its first digit, say). */
  asText(expr: string): string;
}

function int(n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number: ${n}`);
  return n;
}

export const MYSQL_DIALECT: SqlDialect = {
  mysql: true,
  addDays: (date, days) => `DATE_ADD(${date}, INTERVAL ${int(days)} DAY)`,
  daysBetween: (from, to) => `DATEDIFF(${to}, ${from})`,
  chinaDate: (dt) => `DATE(DATE_ADD(${dt}, INTERVAL 8 HOUR))`,
  year: (date) => `SUBSTR(${date}, 1, 4)`,
  asText: (expr) => `CAST(${expr} AS CHAR)`,
};

export const SQLITE_DIALECT: SqlDialect = {
  mysql: false,
  addDays: (date, days) => `date(${date}, '${int(days) >= 0 ? '+' : ''}${int(days)} days')`,
  daysBetween: (from, to) => `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`,
  chinaDate: (dt) => `date(${dt}, '+8 hours')`,
  year: (date) => `substr(${date}, 1, 4)`,
  asText: (expr) => `CAST(${expr} AS TEXT)`,
};

/** `?, ?, ?` for a list bound with `?` placeholders (an empty list becomes NULL, which matches nothing). */
export function placeholders(values: readonly unknown[]): string {
  return values.length === 0 ? 'NULL' : values.map(() => '?').join(', ');
}
