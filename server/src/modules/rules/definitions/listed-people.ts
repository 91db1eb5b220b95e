import { maskPersonName, WATCH_LIST_KIND_LABELS } from '@mingbai/shared';
import type { WatchListKind } from '@mingbai/shared';
import type { Finding } from '../rule';
import { day, entryEvidence, entryFacts, num, readEntry, Row, str } from './evidence';
import type { EntryFacts, Evidence } from './evidence';

/** A watch-list person a payment matched, as findings show them: the name masked. */
export interface ListedPerson {
  id: number;
  name: string;
  kind: WatchListKind;
  relation: string | null;
  sinceOn: string | null;
  regionName: string;
  idMatched: boolean;
}

function readPerson(r: Row): ListedPerson {
  return {
    id: num(r.w_id),
    name: maskPersonName(str(r.w_name)),
    kind: str(r.w_kind) as WatchListKind,
    relation: r.w_relation === null || r.w_relation === undefined ? null : str(r.w_relation),
    sinceOn: r.w_since_on === null || r.w_since_on === undefined ? null : day(r.w_since_on),
    regionName: str(r.w_region_name),
    idMatched: num(r.w_id_matched) === 1,
  };
}

/** "东山镇村干部及近亲属名单：王*明（村委会主任之子），身份证号一致" */
function personLabel(p: ListedPerson): string {
  const since = p.sinceOn ? `，自 ${p.sinceOn} 起` : '';
  return (
    `${p.regionName}${WATCH_LIST_KIND_LABELS[p.kind] ?? p.kind}名单：${p.name}${p.relation ? `（${p.relation}）` : ''}${since}` +
    (p.idMatched ? '，身份证号一致' : '，按姓名比对')
  );
}

/** One finding per payment (rows from paymentsToListedPeople), naming every listed person it matched. */
export function findingsByPayment(rows: Row[], summary: (e: EntryFacts, people: ListedPerson[]) => string): Finding[] {
  const byEntry = new Map<number, { entry: EntryFacts; people: ListedPerson[] }>();
  for (const r of rows) {
    const entry = readEntry(r);
    const group = byEntry.get(entry.id) ?? { entry, people: [] };
    group.people.push(readPerson(r));
    byEntry.set(entry.id, group);
  }
  return [...byEntry.values()].map(({ entry, people }) => ({
    subjectType: 'entry' as const,
    subjectId: entry.id,
    period: '',
    villageId: entry.villageId,
    amountFen: entry.amountFen,
    summary: summary(entry, people),
    evidence: [entryEvidence(entry), ...people.map((p): Evidence => ({ type: 'person', id: p.id, label: personLabel(p) }))],
    facts: { ...entryFacts(entry), people: people.length, idMatched: people.some((p) => p.idMatched) ? 1 : 0 },
  }));
}
