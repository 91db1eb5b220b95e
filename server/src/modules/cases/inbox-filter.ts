import type { AuthUser } from '../../common/auth/auth-user';
import { ValidationFailed } from '../../common/errors/app-exception';
import type { InboxFilter } from './cases.repository';
import type { InboxFiltersDto } from './dto/case.dto';
import { ruleCategoryCode } from './warnings/rule-catalog';

/** The repository filter for the inbox's query parameters (the inbox and the exports share them). */
export function inboxFilter(user: AuthUser, q: InboxFiltersDto, scope: string, now: Date): InboxFilter {
  if (q.ruleId !== undefined && q.categoryCode !== undefined)
    throw new ValidationFailed([{ field: 'ruleId', reason: 'cannot be combined with categoryCode (a warning’s category is its rule)' }]);
  return {
    scope,
    kind: q.kind,
    status: q.status,
    villageId: q.villageId,
    categoryCode: q.ruleId !== undefined ? ruleCategoryCode(q.ruleId) : q.categoryCode,
    warningState: q.warningState,
    overdue: q.overdue,
    assigneeId: q.assignee === undefined ? undefined : q.assignee === 'me' ? user.id : q.assignee === 'none' ? null : Number(q.assignee),
    q: q.q?.trim() || undefined,
    now,
  };
}
