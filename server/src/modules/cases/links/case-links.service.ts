import { Injectable } from '@nestjs/common';
import { CASE_STATUS_LABELS, type CaseLinkDto } from '@mingbai/shared';
import { Clock } from '../../../common/clock/clock';
import type { AuthUser } from '../../../common/auth/auth-user';
import { AppException, ValidationFailed } from '../../../common/errors/app-exception';
import { UsersRepository } from '../../users/users.repository';
import type { Report } from '../../reports/report.entity';
import type { Warning } from '../../rules/warning.entity';
import { CasesRepository } from '../cases.repository';
import { CaseScope } from '../case-scope';
import { categoryLabel, excerpt } from '../case-view';
import { RuleCatalog } from '../warnings/rule-catalog';
import { evidenceSubjects, parseEvidence } from '../warnings/warning-view';
import { CaseLinksRepository, type LinkSubjects } from './case-links.repository';

/**
 * Links between cases about the same thing: automatic ones (other cases about the same entry,
 * contract or asset; for a warning also cases about an entry or contract of its evidence, and the
 * other way round) and those an inspector made. Only cases the inspector sees are listed.
 */
@Injectable()
export class CaseLinksService {
  constructor(
    private readonly clock: Clock,
    private readonly cases: CasesRepository,
    private readonly links: CaseLinksRepository,
    private readonly scope: CaseScope,
    private readonly users: UsersRepository,
    private readonly rules: RuleCatalog,
  ) {}

  /** The links of a case, for an inspector whose office scope is `scope`; `warning` is the case's finding, when it is a warning. */
  async linksOf(r: Report, warning: Warning | null, scope: string): Promise<CaseLinkDto[]> {
    const evidence = warning ? evidenceSubjects(parseEvidence(warning.evidence)) : { entries: [], contracts: [] };
    const own =
      r.subjectId !== null && (r.subjectType === 'entry' || r.subjectType === 'contract' || r.subjectType === 'asset')
        ? { type: r.subjectType, id: r.subjectId }
        : null;
    const subjects: LinkSubjects = { villageId: r.villageId, caseId: r.id, own, entries: evidence.entries, contracts: evidence.contracts };
    const [sameSubject, naming, manual] = await Promise.all([
      this.links.sameSubjectCaseIds(subjects),
      own && own.type !== 'asset' ? this.links.warningsNaming(r.villageId, own.id, r.id) : Promise.resolve([]),
      this.links.manualLinks(r.id),
    ]);
    const auto = new Set(sameSubject);
    for (const w of naming) {
      const named = evidenceSubjects(parseEvidence(w.evidence));
      if ((own!.type === 'entry' ? named.entries : named.contracts).includes(own!.id)) auto.add(w.caseId!);
    }
    const manualByCase = new Map(manual.map((l) => [l.caseId === r.id ? l.linkedCaseId : l.caseId, l]));
    const others = await this.links.casesInScope([...new Set([...auto, ...manualByCase.keys()])], scope);
    if (others.length === 0) return [];
    const [categories, names] = await Promise.all([
      this.cases.categories(),
      this.users.displayNames([...new Set(manual.flatMap((l) => (l.createdBy ? [l.createdBy] : [])))]),
    ]);
    return others.map((o) => {
      const link = manualByCase.get(o.id);
      return {
        caseId: o.id,
        kind: o.kind,
        title: `${categoryLabel(categories, o.categoryCode, this.rules)}：${excerpt(o.text, 40)}`,
        status: o.status,
        statusLabel: CASE_STATUS_LABELS[o.status],
        // A link made by hand is shown as such (and can be removed) even when the subjects also match.
        linkedBy: link ? (link.createdBy ? (names.get(link.createdBy) ?? '') : null) : null,
        at: (link?.createdAt ?? o.createdAt).toISOString(),
      };
    });
  }

  /** Links two cases the inspector sees (each out of scope: 404). */
  async link(user: AuthUser, id: number, otherId: number): Promise<CaseLinkDto[]> {
    const { report } = await this.pair(user, id, otherId);
    await this.links.add(id, otherId, user.id, this.clock.now());
    return this.linksOf(report, await this.warningOf(report), this.scope.pattern(user));
  }

  /** Removes a link made by hand; automatic links stay as long as the subjects match. */
  async unlink(user: AuthUser, id: number, otherId: number): Promise<CaseLinkDto[]> {
    const { report } = await this.pair(user, id, otherId);
    await this.links.remove(id, otherId);
    return this.linksOf(report, await this.warningOf(report), this.scope.pattern(user));
  }

  private async pair(user: AuthUser, id: number, otherId: number): Promise<{ report: Report; other: Report }> {
    const { report } = await this.scope.requireReport(user, id);
    const { report: other } = await this.scope.requireReport(user, otherId);
    if (id === otherId) throw new ValidationFailed([{ field: 'caseId', reason: 'a case cannot be linked to itself' }]);
    if (report.duplicateOfId !== null)
      throw new AppException(409, 'DUPLICATE_REPORT', '这是重复举报，已并入原举报办理', [
        { field: 'id', reason: `follows report ${report.duplicateOfId}` },
      ]);
    if (other.duplicateOfId !== null)
      throw new ValidationFailed([{ field: 'caseId', reason: `is a duplicate of report ${other.duplicateOfId}; link that one` }]);
    return { report, other };
  }

  private async warningOf(r: Report): Promise<Warning | null> {
    return r.kind === 'warning' ? ((await this.cases.warningsByCase([r.id])).get(r.id) ?? null) : null;
  }
}
