import type { VillageScope } from './rule';
import { placeholders } from './sql-dialect';

/** Every village (or town): one set of parameters covers them all. */
export function everyUnit(): VillageScope {
  return { sql: () => '1 = 1', params: [], villageId: null };
}

/** The one village of an incremental run. */
export function oneVillage(villageId: number): VillageScope {
  return { sql: (column) => `${column} = ?`, params: [villageId], villageId };
}

/** These villages (or towns). */
export function unitsIn(ids: readonly number[]): VillageScope {
  const list = [...ids];
  return { sql: (column) => `${column} IN (${placeholders(list)})`, params: list, villageId: null };
}

/** Every village (or town) except these. */
export function unitsNotIn(ids: readonly number[]): VillageScope {
  const list = [...ids];
  return { sql: (column) => (list.length === 0 ? '1 = 1' : `${column} NOT IN (${placeholders(list)})`), params: list, villageId: null };
}

/**
 * The scope of a group of `allIds`: `1 = 1` when it holds them all, else the shorter of the group
 * itself (IN) or the rest (NOT IN) — a city with one county of its own settings binds that
 * county's villages, not every other village.
 */
export function scopeOfGroup(groupIds: readonly number[], allIds: readonly number[]): VillageScope {
  const inGroup = new Set(groupIds);
  const rest = allIds.filter((id) => !inGroup.has(id));
  if (rest.length === 0) return everyUnit();
  return rest.length < groupIds.length ? unitsNotIn(rest) : unitsIn(groupIds);
}
