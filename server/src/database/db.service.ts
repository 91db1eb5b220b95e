import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder, ObjectLiteral } from 'typeorm';

/**
 * The one way to write. On MySQL a transaction is an ordinary READ COMMITTED transaction. better-sqlite3
 * is a single connection, so there transactions are queued one after another (a promise chain):
 * two interleaved transactions on one connection would otherwise fail or roll back each other's work.
 */
@Injectable()
export class Db {
  private queue: Promise<unknown> = Promise.resolve();
  readonly isMysql: boolean;

  constructor(readonly dataSource: DataSource) {
    this.isMysql = dataSource.options.type === 'mysql' || dataSource.options.type === 'mariadb';
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    // READ COMMITTED: a statement after a lock wait sees what the previous lock holder committed.
    if (this.isMysql) return this.dataSource.transaction('READ COMMITTED', work);
    const run = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Row lock for the rest of the transaction on MySQL; on SQLite the queue already serialises writers. */
  forUpdate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return this.isMysql ? qb.setLock('pessimistic_write') : qb;
  }
}
