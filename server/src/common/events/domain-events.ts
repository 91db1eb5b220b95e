import { Injectable, Logger } from '@nestjs/common';

/** Things that happened to the data, told after their transaction committed. */
export type DomainEvent =
  /** Entries were published (approved, or a reversal): the village's ledger changed. */
  | { type: 'entries.published'; villageId: number; entryIds: number[] }
  /** A contract was approved, changed or terminated, or rent receipts were recorded against it. */
  | { type: 'contracts.changed'; villageId: number; contractIds: number[] }
  /** A report was filed about a subject (used to link it to warnings about the same subject). */
  | { type: 'report.filed'; reportId: number };

export type DomainEventHandler = (event: DomainEvent) => Promise<void>;

/**
 * In-process notifications between modules that must not depend on each other (the ledger and
 * the rules engine, say). Handlers run after the emitter's answer, one event at a time in order;
 * a failing handler is logged and never undoes or fails what was committed (the daily full run
 * catches up anything a handler missed). `idle()` lets tests wait for handlers to finish.
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger('DomainEvents');
  private readonly handlers: DomainEventHandler[] = [];
  private chain: Promise<void> = Promise.resolve();

  subscribe(handler: DomainEventHandler): void {
    this.handlers.push(handler);
  }

  /** Call only after the change is committed. Never throws. */
  emit(event: DomainEvent): void {
    this.chain = this.chain.then(async () => {
      for (const handler of this.handlers) {
        try {
          await handler(event);
        } catch (err) {
          // The name only: messages may quote data (names, amounts) that logs must not hold.
          this.logger.error(`handler of ${event.type} failed: ${err instanceof Error ? err.name : 'unknown error'}`);
        }
      }
    });
  }

  /** Resolves when every event emitted so far has been handled. */
  idle(): Promise<void> {
    return this.chain;
  }
}
