import { createHash } from 'node:crypto';
import { normalizePersonName, type WatchListKind } from '@mingbai/shared';
import { personName } from '../modules/seed/demo-names';
import type { Rng } from '../modules/seed/prng';
import type { Row } from './disclosure-data';

/**
 * Inspectors' watch lists for the rules benchmark: village cadres and their relatives on every
 * village's list, public servants on towns' and counties' lists, deceased persons and people who
 * moved away on counties' lists. Most names use surnames the generated payees never have, so a
 * payee matches only where the ledger shaper deliberately pays a listed person; one in ten is an
 * ordinary generated name, which collides with payees by chance, as real namesakes do.
 */
export interface WatchTarget {
  id: number;
  regionId: number;
  listKind: WatchListKind;
  name: string;
  norm: string;
  idHash: string | null;
  relation: string | null;
  sinceOn: string | null;
  active: boolean;
}

export interface BenchRegion {
  id: number;
  level: string;
  parentId: number | null;
  path: string;
}

const RARE_SURNAMES = '韩冯邓曹彭曾萧田董袁于蒋苏吕丁沈姜薛钟汪'.split('');
const GIVEN = '子涵宇轩浩然梓萱欣怡思远嘉豪俊杰雨桐晨曦'.split('');
const CADRE_RELATIONS = ['村委会主任之子', '村党支部书记配偶', '村报账员之弟', '村委委员本人', '村监委会主任之女婿'];
const SERVANT_RELATIONS = ['县直单位在编人员', '乡镇在编人员', '事业单位在编人员'];

export const WATCH_COLUMNS = ['id', 'region_id', 'list_kind', 'name', 'name_norm', 'id_hash', 'relation', 'since_on', 'source', 'active', 'created_by', 'created_at', 'updated_at'] as const;

/** A stand-in for the keyed hash of a resident ID number (64 hex characters, like IdNumberHasher's). */
export function benchIdHash(who: string): string {
  return createHash('sha256').update(`bench-resident-id|${who}`).digest('hex');
}

export class BenchWatchLists {
  readonly people: WatchTarget[] = [];
  private readonly byRegion = new Map<number, WatchTarget[]>();
  private readonly regions = new Map<number, BenchRegion>();

  constructor(
    private readonly rng: Rng,
    regions: BenchRegion[],
    range: { start: string; today: string },
  ) {
    for (const r of regions) this.regions.set(r.id, r);
    const startMs = Date.parse(`${range.start}T00:00:00Z`) - 365 * 86_400_000;
    const span = Date.parse(`${range.today}T00:00:00Z`) - startMs;
    const since = () => new Date(startMs + Math.floor(rng.float() * span)).toISOString().slice(0, 10);
    for (const r of regions) {
      if (r.level === 'village') for (let i = 0; i < 3; i++) this.add(r.id, 'cadre_relative', rng.pick(CADRE_RELATIONS), null);
      if (r.level === 'town') for (let i = 0; i < 5; i++) this.add(r.id, 'public_servant', rng.pick(SERVANT_RELATIONS), null);
      if (r.level === 'county') {
        for (let i = 0; i < 60; i++) this.add(r.id, 'public_servant', rng.pick(SERVANT_RELATIONS), rng.chance(0.5) ? since() : null);
        for (let i = 0; i < 40; i++) this.add(r.id, 'deceased', null, since());
        for (let i = 0; i < 30; i++) this.add(r.id, 'moved_away', null, since());
      }
    }
  }

  /** Active people on lists of the village or a region above it: its cadres' relatives and the other lists. */
  onPathOf(villageId: number): { cadres: WatchTarget[]; others: WatchTarget[] } {
    const path = this.regions.get(villageId)?.path ?? '';
    const all = path
      .split('/')
      .filter(Boolean)
      .flatMap((id) => this.byRegion.get(Number(id)) ?? [])
      .filter((p) => p.active);
    return { cadres: all.filter((p) => p.listKind === 'cadre_relative'), others: all.filter((p) => p.listKind !== 'cadre_relative') };
  }

  rows(createdAt: string): Row[] {
    const source: Record<WatchListKind, string> = { cadre_relative: '乡镇纪委', public_servant: '县委组织部', deceased: '县民政局', moved_away: '县公安局' };
    return this.people.map((p) => [p.id, p.regionId, p.listKind, p.name, p.norm, p.idHash, p.relation, p.sinceOn, source[p.listKind], p.active ? 1 : 0, 1, createdAt, createdAt]);
  }

  private add(regionId: number, listKind: WatchListKind, relation: string | null, sinceOn: string | null): void {
    const rng = this.rng;
    const name = rng.chance(0.1) ? personName(rng) : rng.pick(RARE_SURNAMES) + rng.pick(GIVEN) + rng.pick(GIVEN);
    const person: WatchTarget = {
      id: this.people.length + 1,
      regionId,
      listKind,
      name,
      norm: normalizePersonName(name),
      idHash: rng.chance(0.7) ? benchIdHash(`watch|${this.people.length + 1}`) : null,
      relation,
      sinceOn,
      active: rng.chance(0.95),
    };
    this.people.push(person);
    const list = this.byRegion.get(regionId) ?? [];
    list.push(person);
    this.byRegion.set(regionId, list);
  }
}
