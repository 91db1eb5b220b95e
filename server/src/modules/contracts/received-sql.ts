/**
 * What counts as rent received, in SQL both databases run: the receipts of an installment whose
 * entry has no published reversal (红字冲销). A receipt whose entry was reversed stays on record but
 * no longer counts. Entries behind receipts are published income entries (checked when recorded).
 */

/** `NOT EXISTS` a published reversal of the receipt `rr`'s entry. */
export const RECEIPT_COUNTS = "NOT EXISTS (SELECT 1 FROM entries x WHERE x.reverses_id = rr.entry_id AND x.status = 'published')";

/** The amount received against installment `i` (a correlated scalar subquery, through the receipts' installment index). */
export const RECEIVED_OF_INSTALLMENT = `(SELECT COALESCE(SUM(rr.amount_fen), 0) FROM rent_receipts rr WHERE rr.installment_id = i.id AND ${RECEIPT_COUNTS})`;

/**
 * Whether contract `c` has an installment due before `today` (a placeholder: `?` or `:today`) that
 * is not fully received: overdue in the registers' sense (no grace days).
 */
export const hasOverdue = (today: string): string =>
  `EXISTS (SELECT 1 FROM contract_installments i WHERE i.contract_id = c.id AND i.due_on < ${today} AND i.amount_fen > ${RECEIVED_OF_INSTALLMENT})`;
