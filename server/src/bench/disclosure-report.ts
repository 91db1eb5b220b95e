import type { LoadResult } from './disclosure-load';

export const SCENARIOS = ['list', 'cursor', 'summary'] as const;
export type Scenario = (typeof SCENARIOS)[number];
export type ServerName = 'raw' | 'mingbai';

export type Results = Record<ServerName, Record<Scenario, LoadResult> & { hwmMb: number }>;

const n = (v: number, digits = 0) => v.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The result table, the targets, and last the ratio line (Mingbai ÷ raw). */
export function report(r: Results, out: (line: string) => void): void {
  out('(req/s and p50: median of the rounds; p99 and peak RSS: the worst round)');
  out(`${'scenario'.padEnd(9)}${'server'.padEnd(9)}${'req/s'.padStart(9)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'peak RSS MB'.padStart(13)}${'failed'.padStart(8)}`);
  for (const s of SCENARIOS)
    for (const server of ['raw', 'mingbai'] as const) {
      const x = r[server][s];
      out(`${s.padEnd(9)}${server.padEnd(9)}${n(x.reqPerSec).padStart(9)}${n(x.p50).padStart(8)}${n(x.p99).padStart(8)}${n(x.peakRssMb).padStart(13)}${n(x.failures).padStart(8)}`);
    }
  out(`peak RSS over the whole run (VmHWM): raw ${n(r.raw.hwmMb)} MB, mingbai ${n(r.mingbai.hwmMb)} MB`);
  const ratio = (s: Scenario) => r.mingbai[s].reqPerSec / r.raw[s].reqPerSec;
  const low = SCENARIOS.filter((s) => ratio(s) < 1);
  out(`target every ratio >= 1.0: ${low.length ? `MISSED (${low.map((s) => `${s} ${n(ratio(s), 2)}`).join(', ')})` : 'met'}`);
  out(`target summary p99 <= 20 ms: ${r.mingbai.summary.p99 <= 20 ? 'met' : 'MISSED'} (${n(r.mingbai.summary.p99)} ms)`);
  out(`target peak RSS <= 2x raw: ${r.mingbai.hwmMb <= 2 * r.raw.hwmMb ? 'met' : 'MISSED'} (${n(r.mingbai.hwmMb)} MB vs ${n(2 * r.raw.hwmMb)} MB)`);
  out(`ratio list=${n(ratio('list'), 2)} cursor=${n(ratio('cursor'), 2)} summary=${n(ratio('summary'), 2)}`);
}
