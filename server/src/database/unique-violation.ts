import { QueryFailedError } from 'typeorm';

/**
 * A unique index refused the row (MySQL/MariaDB ER_DUP_ENTRY, SQLite SQLITE_CONSTRAINT_UNIQUE).
 * Used where two requests may race to create the same row and the loser re-reads the winner's.
 */
export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const driver = e.driverError as { code?: unknown; errno?: unknown } | undefined;
  return driver?.code === 'ER_DUP_ENTRY' || driver?.errno === 1062 || driver?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
