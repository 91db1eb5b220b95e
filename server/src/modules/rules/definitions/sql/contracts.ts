/**
 * SQL fragments about contracts that several rules share. `c` is the alias of `contracts`; the
 * fragments bind no values.
 */

/** An approved contract that has not been terminated. */
export function contractInForce(c: string): string {
  return `${c}.status = 'approved' AND ${c}.terminated_on IS NULL`;
}

/**
 * The columns a contract's evidence needs, aliased `c_*`. `a` is an alias of `assets` joined with
 * LEFT JOIN (a contract may have no asset). Only the public form of the counterparty is read.
 */
export function contractColumns(c: string, a: string): string {
  return [
    `${c}.id AS c_id`,
    `${c}.village_id AS c_village_id`,
    `${c}.code AS c_code`,
    `${c}.kind AS c_kind`,
    `${c}.counterparty_display AS c_party`,
    `${c}.start_on AS c_start_on`,
    `${c}.end_on AS c_end_on`,
    `${c}.total_rent_fen AS c_total_rent_fen`,
    `${c}.award_method AS c_award_method`,
    `${a}.name AS c_asset_name`,
    `${a}.kind AS c_asset_kind`,
  ].join(', ');
}
