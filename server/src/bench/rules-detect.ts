import type { EntityManager } from 'typeorm';
import { resolveRuleParams } from '@mingbai/shared';
import type { RulesEngine } from '../modules/rules/rules-engine.service';
import { everyUnit } from '../modules/rules/village-scope';

export interface DetectTiming {
  ms: number;
  statements: number;
  /** The rule's slowest SQL statement: its time and its text (whitespace collapsed). */
  slowest: { ms: number; sql: string } | null;
}

/**
 * Each rule's detect() alone over every village, with default parameters (no warning writes),
 * timing every SQL statement it sends, so a slow rule points at its slow query.
 */
export async function detectTimes(engine: RulesEngine, em: EntityManager, today: string): Promise<Map<string, DetectTiming>> {
  const out = new Map<string, DetectTiming>();
  for (const rule of engine.rules) {
    const timing: DetectTiming = { ms: 0, statements: 0, slowest: null };
    const timed = new Proxy(em, {
      get(target, prop) {
        if (prop === 'query')
          return async (sql: string, params?: unknown[]) => {
            const t0 = performance.now();
            const result: unknown = await target.query(sql, params);
            const ms = Math.round(performance.now() - t0);
            timing.statements++;
            if (!timing.slowest || ms > timing.slowest.ms) timing.slowest = { ms, sql: sql.replace(/\s+/g, ' ').trim() };
            return result;
          };
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const t0 = performance.now();
    await rule.detect({ em: timed, dialect: engine.dialect, params: resolveRuleParams(rule, {}), scope: everyUnit(), today, now: new Date() });
    timing.ms = Math.round(performance.now() - t0);
    out.set(rule.id, timing);
  }
  return out;
}

/** For rules slower than `overMs`: their statement count and slowest statement. */
export function slowStatements(timings: Map<string, DetectTiming>, overMs: number, out: (line: string) => void): void {
  const slow = [...timings].filter(([, t]) => t.ms > overMs && t.slowest);
  if (slow.length === 0) return;
  out(`Rules whose queries took over ${overMs.toLocaleString('en')} ms, with their slowest statement:`);
  for (const [id, t] of slow)
    out(`  ${id}: ${t.statements} statement(s), ${t.ms.toLocaleString('en')} ms; slowest ${t.slowest!.ms.toLocaleString('en')} ms: ${t.slowest!.sql.slice(0, 400)}${t.slowest!.sql.length > 400 ? ' …' : ''}`);
}
