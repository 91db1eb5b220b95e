import { CASE_OUTCOME_LABELS, CASE_STATUS_LABELS, RULE_SEVERITY_LABELS, WARNING_STATE_LABELS } from '@mingbai/shared';
import type { Region } from '../../regions/region.entity';
import type { Report } from '../../reports/report.entity';
import type { Warning } from '../../rules/warning.entity';
import type { Overdue } from '../../reports/routing/sla';
import { chinaDateTime, type ExportCell, type ExportCellKind } from './sheet-cells';

/** What one exported row is made of. */
export interface ExportSource {
  report: Report;
  warning: Warning | null;
  village: Region | undefined;
  town: Region | undefined;
  office: Region | undefined;
  categoryLabel: string;
  assigneeName: string | null;
  overdue: Overdue | null;
}

export interface ExportColumn {
  header: string;
  /** Column width in characters (XLSX). */
  width: number;
  kind: ExportCellKind;
  cell: (s: ExportSource) => ExportCell;
}

const text = (header: string, width: number, value: (s: ExportSource) => string | null | undefined): ExportColumn => ({
  header,
  width,
  kind: 'text',
  cell: (s) => ({ text: value(s) ?? null }),
});
const fen = (header: string, value: (s: ExportSource) => number | null | undefined): ExportColumn => ({
  header,
  width: 14,
  kind: 'fen',
  cell: (s) => ({ fen: value(s) ?? null }),
});

const OVERDUE_LABELS: Record<Overdue, string> = { accept: '逾期未受理', conclude: '逾期未办结' };

const SUBJECT_LABELS: Record<Report['subjectType'], string> = { village: '村', entry: '账目', contract: '合同', asset: '资产' };

const common = {
  id: { header: '编号', width: 8, kind: 'int', cell: (s) => ({ int: s.report.id }) } as ExportColumn,
  town: text('乡镇', 12, (s) => s.town?.name),
  village: text('村', 12, (s) => s.village?.name),
  status: text('办理状态', 10, (s) => CASE_STATUS_LABELS[s.report.status]),
  office: text('承办单位', 12, (s) => s.office?.name),
  assignee: text('承办人', 12, (s) => s.assigneeName),
  overdue: text('逾期', 12, (s) => (s.overdue ? OVERDUE_LABELS[s.overdue] : null)),
  accepted: text('受理时间', 17, (s) => chinaDateTime(s.report.acceptedAt)),
  concluded: text('办结时间', 17, (s) => chinaDateTime(s.report.concludedAt)),
  closed: text('结案时间', 17, (s) => chinaDateTime(s.report.closedAt)),
  outcome: text('办理结果', 10, (s) => (s.report.outcome ? CASE_OUTCOME_LABELS[s.report.outcome] : null)),
  recovered: fen('追回金额（元）', (s) => s.report.amountRecoveredFen),
};

/** The warnings list: the finding (rule, severity, summary, amount at stake, state) and its handling. */
export const WARNING_COLUMNS: ExportColumn[] = [
  common.id,
  text('预警规则', 20, (s) => s.categoryLabel),
  text('风险等级', 8, (s) => (s.warning ? RULE_SEVERITY_LABELS[s.warning.severity] : null)),
  common.town,
  common.village,
  text('发现问题', 60, (s) => s.warning?.summary ?? s.report.text),
  fen('涉及金额（元）', (s) => s.warning?.amountFen),
  text('预警状态', 8, (s) => (s.warning ? WARNING_STATE_LABELS[s.warning.state] : null)),
  text('消除日期', 11, (s) => s.warning?.resolvedOn),
  text('发现时间', 17, (s) => chinaDateTime(s.report.createdAt)),
  common.status,
  common.office,
  common.assignee,
  common.overdue,
  common.accepted,
  common.concluded,
  common.outcome,
  common.recovered,
  common.closed,
];

/**
 * The reports list: category, place, subject, dates and handling only. Never the report's text
 * (it may name or identify the reporter), whether it was named, or anything of the reporter.
 */
export const REPORT_COLUMNS: ExportColumn[] = [
  common.id,
  text('举报类别', 14, (s) => s.categoryLabel),
  common.town,
  common.village,
  text('举报对象', 12, (s) =>
    s.report.subjectType === 'village' ? SUBJECT_LABELS.village : `${SUBJECT_LABELS[s.report.subjectType]} #${s.report.subjectId ?? ''}`,
  ),
  text('收到时间', 17, (s) => chinaDateTime(s.report.createdAt)),
  common.status,
  common.office,
  common.assignee,
  common.overdue,
  common.accepted,
  common.concluded,
  common.outcome,
  common.recovered,
  common.closed,
];
