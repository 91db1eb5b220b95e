import type { EvidenceItemDto, WarningDto } from '@mingbai/shared';
import type { Warning } from '../../rules/warning.entity';
import type { RuleCatalog } from './rule-catalog';

/** The public page of a thing a finding points at, in the app. */
export function evidencePath(type: EvidenceItemDto['type'], id: number | null): string | null {
  if (id === null) return null;
  switch (type) {
    case 'entry':
      return `/pages/entry/index?id=${id}`;
    case 'contract':
      return `/packages/village/pages/contract/index?id=${id}`;
    case 'asset':
      return `/packages/village/pages/asset/index?id=${id}`;
    default:
      return null;
  }
}

export interface ParsedEvidence {
  items: Omit<EvidenceItemDto, 'path'>[];
  facts: Record<string, number | string | null>;
}

const EVIDENCE_TYPES = new Set<string>(['entry', 'contract', 'installment', 'asset', 'person', 'figure']);

/** The evidence column ({items, facts} as JSON); whatever is malformed is left out rather than failing the page. */
export function parseEvidence(json: string): ParsedEvidence {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { items: [], facts: {} };
  }
  const o = (raw ?? {}) as { items?: unknown; facts?: unknown };
  const items = (Array.isArray(o.items) ? o.items : []).flatMap((i): ParsedEvidence['items'] => {
    const it = (i ?? {}) as { type?: unknown; id?: unknown; label?: unknown };
    if (typeof it.type !== 'string' || !EVIDENCE_TYPES.has(it.type)) return [];
    const id = typeof it.id === 'number' && Number.isSafeInteger(it.id) ? it.id : null;
    return [{ type: it.type as EvidenceItemDto['type'], id, label: typeof it.label === 'string' ? it.label : '' }];
  });
  const facts: ParsedEvidence['facts'] = {};
  if (o.facts && typeof o.facts === 'object' && !Array.isArray(o.facts))
    for (const [k, v] of Object.entries(o.facts as Record<string, unknown>))
      if (typeof v === 'number' || typeof v === 'string' || v === null) facts[k] = v;
  return { items, facts };
}

/** The entries and contracts a finding names: cases about them are linked to the warning's case. */
export function evidenceSubjects(evidence: ParsedEvidence): { entries: number[]; contracts: number[] } {
  const ids = (type: 'entry' | 'contract') => [...new Set(evidence.items.flatMap((i) => (i.type === type && i.id !== null ? [i.id] : [])))];
  return { entries: ids('entry'), contracts: ids('contract') };
}

export function toWarningDto(w: Warning, villageName: string, rules: RuleCatalog): WarningDto {
  const evidence = parseEvidence(w.evidence);
  return {
    id: w.id,
    ruleId: w.ruleId,
    ruleTitle: rules.title(w.ruleId),
    severity: w.severity,
    subjectType: w.subjectType,
    subjectId: w.subjectId,
    period: w.period,
    villageId: w.villageId,
    villageName,
    state: w.state,
    summary: w.summary,
    amountFen: w.amountFen,
    evidence: evidence.items.map((i) => ({ ...i, path: evidencePath(i.type, i.id) })),
    facts: evidence.facts,
    detectedAt: w.detectedAt.toISOString(),
    resolvedOn: w.resolvedOn,
    caseId: w.caseId!,
  };
}
