import type { RuleRunDto } from '@mingbai/shared';

/** Targets of issue 5 (seconds for a full run by entries; ms for an incremental run). */
export const TARGETS = { full1M: 10, full10M: 60, incrementalMs: 200 } as const;

const n = (v: number) => v.toLocaleString('en');

/** The full-run target for this many entries: 10 s up to 1 M, 60 s up to 10 M (none beyond). */
export function fullTargetSeconds(entries: number): number | null {
  if (entries <= 1_000_000) return TARGETS.full1M;
  if (entries <= 10_000_000) return TARGETS.full10M;
  return null;
}

/**
 * One run's table: per rule findings, created, resolved and ms (the engine's own timing: the
 * rule's queries and the warning writes), with the detect-only time (the rule's queries alone)
 * where measured; then the total against the target.
 */
export function runTable(title: string, runs: RuleRunDto[], wallMs: number, targetMs: number | null, out: (line: string) => void, detectMs?: Map<string, number>): void {
  out(title);
  out(`  ${'rule'.padEnd(22)}${'findings'.padStart(10)}${'created'.padStart(9)}${'resolved'.padStart(10)}${'ms'.padStart(9)}${detectMs ? 'detect ms'.padStart(11) : ''}`);
  for (const r of runs) {
    const detect = detectMs ? (detectMs.has(r.ruleId) ? n(detectMs.get(r.ruleId)!) : '-').padStart(11) : '';
    out(`  ${r.ruleId.padEnd(22)}${n(r.findings).padStart(10)}${n(r.created).padStart(9)}${n(r.resolved).padStart(10)}${n(r.durationMs).padStart(9)}${detect}${r.error ? `  FAILED: ${r.error.slice(0, 160)}` : ''}`);
  }
  const sum = (f: (r: RuleRunDto) => number) => runs.reduce((a, r) => a + f(r), 0);
  const detectTotal = detectMs ? n([...detectMs.values()].reduce((a, b) => a + b, 0)).padStart(11) : '';
  out(`  ${'total'.padEnd(22)}${n(sum((r) => r.findings)).padStart(10)}${n(sum((r) => r.created)).padStart(9)}${n(sum((r) => r.resolved)).padStart(10)}${n(sum((r) => r.durationMs)).padStart(9)}${detectTotal}`);
  const verdict = targetMs === null ? 'no target at this size' : `target <= ${n(targetMs / 1000)} s: ${wallMs <= targetMs ? 'met' : 'MISSED'}`;
  if (detectMs) out('  (ms: the engine\'s time per rule, queries and warning writes; detect ms: the rule\'s queries alone, run again afterwards)');
  out(`  wall ${n(Math.round(wallMs))} ms (${(wallMs / 1000).toFixed(1)} s); ${verdict}`);
}
