import type { WatchListKind } from '@mingbai/shared';
import type { RuleContext } from '../../rule';
import { placeholders } from '../../sql-dialect';
import type { Row } from '../evidence';
import { entryColumns, payment, selectInOrder } from './entries';

/**
 * Which villages each region's lists apply to: a village's own lists, and those of every region
 * above it (the village's path starts with the region's path). Villages pair with themselves by
 * equality; only the few regions above village level are compared by path, so the derived table
 * stays small (one row per village and per village under each town, county, city).
 */
const REACH =
  `SELECT r.id AS region_id, r.id AS village_id FROM regions r WHERE r.level = 'village'` +
  ` UNION ALL` +
  ` SELECT r.id AS region_id, v.id AS village_id FROM regions r` +
  ` JOIN regions v ON v.level = 'village' AND SUBSTR(v.path, 1, LENGTH(r.path)) = r.path` +
  ` WHERE r.level <> 'village'`;

/**
 * Payments to people on inspectors' watch lists (conflict-of-interest, cross-department): a list
 * applies to the villages under its region, names match on their normalised form, and ID hashes
 * must agree when both sides have one. One row per (payment, listed person); `sinceApplies` also
 * requires the payment on or after the person's since_on, when it is set.
 *
 * The join runs from the lists to the payments (region → listed people → the payee index
 * IDX_entries_payee on village and name), a few thousand index probes; MySQL/MariaDB are held to
 * that order with STRAIGHT_JOIN, as their estimates otherwise favour scanning every payment.
 */
export async function paymentsToListedPeople(ctx: RuleContext, kinds: readonly WatchListKind[], sinceApplies: boolean): Promise<Row[]> {
  return ctx.em.query(
    `${selectInOrder(ctx)}${entryColumns('e')},
            w.id AS w_id, w.name AS w_name, w.list_kind AS w_kind, w.relation AS w_relation, w.since_on AS w_since_on,
            wr.name AS w_region_name,
            CASE WHEN w.id_hash IS NOT NULL AND e.counterparty_id_hash IS NOT NULL THEN 1 ELSE 0 END AS w_id_matched
       FROM (${REACH}) reach
       JOIN watch_people w ON w.region_id = reach.region_id AND w.list_kind IN (${placeholders(kinds)}) AND w.active = 1
       JOIN regions wr ON wr.id = w.region_id
       JOIN entries e ON e.village_id = reach.village_id AND e.counterparty_norm = w.name_norm
      WHERE ${payment('e')} AND ${ctx.scope.sql('e.village_id')}
        AND (w.id_hash IS NULL OR e.counterparty_id_hash IS NULL OR w.id_hash = e.counterparty_id_hash)
        ${sinceApplies ? 'AND (w.since_on IS NULL OR e.occurred_on >= w.since_on)' : ''}
      ORDER BY e.id, w.id`,
    [...kinds, ...ctx.scope.params],
  );
}
