/**
 * npm run docs:rules -w @mingbai/server
 * Writes docs/rules.md from the rule files (RULES), so the documentation cannot drift from the
 * code: a unit spec fails when the committed file differs from what this generates.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_SEVERITY_LABELS, type RuleParamDefinition } from '@mingbai/shared';
import { repoRoot } from '../config/config';
import { RULES } from '../modules/rules/definitions';
import type { SupervisionRule } from '../modules/rules/rule';

export const RULES_DOC_PATH = 'docs/rules.md';

const KIND_UNITS: Record<RuleParamDefinition['kind'], string> = {
  days: 'days',
  fen: 'fen',
  count: 'count',
  ratio: 'ratio',
  years: 'years',
  score: 'score',
};

/** A table cell: pipes escaped, line breaks as spaces. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

const grouped = (n: number): string => (Number.isInteger(n) ? n.toLocaleString('en-US') : String(n));

function value(p: RuleParamDefinition, n: number): string {
  if (p.kind === 'fen')
    return `${grouped(n)} (${(n / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} yuan)`;
  return grouped(n);
}

function runs(r: SupervisionRule): string {
  return r.incremental && r.level === 'village'
    ? 'after each publication or contract change in a village, and daily'
    : 'daily (and on demand)';
}

function ruleSection(r: SupervisionRule): string[] {
  const lines = [
    `## \`${r.id}\` — ${r.title}`,
    '',
    `- Severity: ${r.severity} (${RULE_SEVERITY_LABELS[r.severity]})`,
    `- Runs: ${runs(r)}`,
    `- Examines: ${r.level === 'town' ? 'a town as a whole (its warnings belong to the town and go to the town office)' : 'each village'}`,
    '',
    r.explanation,
    '',
  ];
  if (r.params.length === 0) return [...lines, 'No parameters.', ''];
  return [
    ...lines,
    '| parameter | meaning | kind | default | range |',
    '| --- | --- | --- | --- | --- |',
    ...r.params.map(
      (p) =>
        `| \`${p.key}\` | ${cell(p.label)} | ${KIND_UNITS[p.kind]} | ${value(p, p.defaultValue)} | ${grouped(p.min)} – ${grouped(p.max)} |`,
    ),
    '',
  ];
}

/** The whole of docs/rules.md for these rules. */
export function renderRulesDoc(rules: readonly SupervisionRule[]): string {
  const lines = [
    '# Supervision rules',
    '',
    '<!-- Generated from server/src/modules/rules/definitions by `npm run docs:rules -w @mingbai/server`. Do not edit by hand. -->',
    '',
    'Each rule is one file in `server/src/modules/rules/definitions/`: an id, a title and a plain-Chinese explanation of',
    'what it looks for and why, parameters with defaults, a severity, and a set-based SQL query. A finding is a',
    '**warning** identified by rule + subject + period: running a rule again never duplicates it, a warning whose',
    'condition no longer holds is resolved with the date, and one found again is reopened. Each new warning opens a',
    'case (kind `warning`) in the inbox of the discipline office of the village’s town, with the same lifecycle as a',
    'citizen report.',
    '',
    'Rules run in full every day (from `RULES_DAILY_HOUR`, China time) and on demand',
    '(`POST /api/inspector/rules/run`); rules marked incremental also run for one village right after its entries',
    'are published or its contracts change. Inspectors can switch a rule off or change its parameters for their',
    'region (`PUT /api/inspector/rules/:ruleId/settings`): villages inherit along their region path, the nearest',
    'region’s value winning per parameter. Switching a rule off stops it running there; warnings it found earlier',
    'stay as they are. Amounts are in fen (1 yuan = 100 fen). `GET /api/rules` serves the same definitions.',
    '',
  ];
  if (rules.length === 0) return [...lines, 'No rules are registered.', ''].join('\n');
  lines.push('| rule | title | severity | runs |', '| --- | --- | --- | --- |');
  for (const r of rules)
    lines.push(
      `| [\`${r.id}\`](#${r.id}) | ${cell(r.title)} | ${r.severity} | ${r.incremental && r.level === 'village' ? 'incremental + daily' : 'daily'} |`,
    );
  lines.push('');
  for (const r of rules) lines.push(`<a id="${r.id}"></a>`, '', ...ruleSection(r));
  return lines.join('\n');
}

if (require.main === module) {
  const file = join(repoRoot(), RULES_DOC_PATH);
  writeFileSync(file, renderRulesDoc(RULES));
  console.log(`${file}: ${RULES.length} rules`);
}
