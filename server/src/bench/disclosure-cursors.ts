import type { Pool } from 'mysql2/promise';
import { encodeCursor } from '../modules/disclosure/cursor';
import type { Rng } from '../modules/seed/prng';

/**
 * Valid list cursors spread through many villages' ledgers: for each village, every k-th
 * published entry in list order (newest first). Both servers take the same opaque cursor format.
 */
export async function cursorPaths(pool: Pool, villageIds: number[], wanted: number, rng: Rng): Promise<string[]> {
  const perVillage = Math.max(1, Math.ceil(wanted / villageIds.length));
  const paths: string[] = [];
  for (const villageId of villageIds) {
    const [[head]] = (await pool.query('SELECT serial FROM chain_heads WHERE village_id = ?', [villageId])) as unknown as [{ serial: number }[]];
    const stride = Math.max(1, Math.floor((head?.serial ?? 0) / (perVillage + 1)));
    const offset = rng.int(0, stride - 1);
    const [rows] = (await pool.query(
      `SELECT occurred_on, id FROM (
         SELECT occurred_on, id, ROW_NUMBER() OVER (ORDER BY occurred_on DESC, id DESC) AS rn
         FROM entries WHERE village_id = ? AND status = 'published') t
       WHERE MOD(rn - 1, ?) = ? LIMIT ?`,
      [villageId, stride, offset, perVillage],
    )) as unknown as [{ occurred_on: string; id: number }[]];
    for (const r of rows) paths.push(`/api/villages/${villageId}/entries?limit=20&cursor=${encodeCursor(r.occurred_on, r.id)}`);
  }
  // Shuffle so that consecutive requests go to different villages.
  for (let i = paths.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [paths[i], paths[j]] = [paths[j], paths[i]];
  }
  return paths;
}
