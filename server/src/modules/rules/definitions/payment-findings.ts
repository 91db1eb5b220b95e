import type { Finding, RuleContext } from '../rule';
import { entryEvidence, entryFacts, readEntry, type EntryFacts, type Row } from './evidence';
import { entryColumns, payment, paymentsFrom, selectInOrder } from './sql/entries';

/**
 * The payments in scope that pass `test` (about alias `p`, binding `params`; `join` may add
 * tables): the ids from one scan of the payments on the covering payee index (DISTINCT keeps the
 * derived table from being merged into a scan of whole rows), then the few found rows by primary key.
 */
export async function flaggedPayments(ctx: RuleContext, test: string, params: unknown[], join = ''): Promise<EntryFacts[]> {
  const rows: Row[] = await ctx.em.query(
    `${selectInOrder(ctx)}${entryColumns('e')}
       FROM (SELECT DISTINCT p.id AS id FROM ${paymentsFrom(ctx, 'p')}${join}
              WHERE ${payment('p')} AND ${test} AND ${ctx.scope.sql('p.village_id')}) x
       JOIN entries e ON e.id = x.id`,
    [...params, ...ctx.scope.params],
  );
  return rows.map((r) => readEntry(r));
}

/** A finding about one entry: its subject and its evidence, with the rule's own facts. */
export function entryFinding(e: EntryFacts, summary: string, facts: Finding['facts']): Finding {
  return {
    subjectType: 'entry',
    subjectId: e.id,
    period: '',
    villageId: e.villageId,
    amountFen: e.amountFen,
    summary,
    evidence: [entryEvidence(e)],
    facts: { ...entryFacts(e), ...facts },
  };
}
