import { normalizePersonName } from '@mingbai/shared';
import type { Db } from '../../database/db.service';
import { WatchPerson } from '../watchlist/watch-person.entity';
import type { Region } from '../regions/region.entity';
import type { DemoWatchPerson } from './demo-anomalies';

const DAY = 86_400_000;

/** The inspectors' lists as the county and town offices entered them, a few months before today. */
export async function writeWatchList(
  db: Db,
  now: Date,
  people: DemoWatchPerson[],
  offices: { county: Region; town: Region; countyInspectorId: number; townInspectorId: number },
): Promise<number> {
  const rows: Omit<WatchPerson, 'id'>[] = people.map((p, i) => {
    const at = new Date(now.getTime() - (60 - i) * DAY);
    const county = p.region === 'county';
    return {
      regionId: county ? offices.county.id : offices.town.id,
      listKind: p.listKind,
      name: p.name,
      nameNorm: normalizePersonName(p.name),
      idHash: null,
      relation: p.relation,
      sinceOn: p.sinceOn,
      source: p.source,
      active: true,
      createdBy: county ? offices.countyInspectorId : offices.townInspectorId,
      createdAt: at,
      updatedAt: at,
    };
  });
  await db.transaction((em) => em.insert(WatchPerson, rows));
  return rows.length;
}
