import { randomBytes } from 'node:crypto';
import type { Role } from '@mingbai/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import type { UsersService } from '../users/users.service';
import type { Region } from '../regions/region.entity';

export const DEMO_PASSWORD = 'mingbai-demo-2026';

/** Acts as the installation's root administrator, as an admin with no region would. */
export const SEED_ACTOR: AuthUser = { id: 0, username: 'seed', displayName: 'seed', role: 'admin', regionId: null, regionPath: null, regionLevel: null };

export interface DemoAccount {
  role: Role;
  username: string;
  password: string;
  scope: string;
}

export interface DemoStaffIds {
  bookkeeperId: number;
  approverId: number;
  townAgentId: number;
  townInspectorId: number;
  countyInspectorId: number;
}

/** One printed account per role, all on the demo village, its town and the county. */
export async function createDemoAccounts(users: UsersService, r: { village: Region; town: Region; county: Region }): Promise<{ accounts: DemoAccount[]; ids: DemoStaffIds }> {
  const specs: { role: Role; username: string; displayName: string; region: Region | null; scope: string }[] = [
    { role: 'admin', username: 'demo_admin', displayName: '系统管理员（演示）', region: null, scope: 'everything' },
    { role: 'bookkeeper', username: 'demo_bookkeeper', displayName: `${r.village.name}报账员`, region: r.village, scope: `${r.town.name}${r.village.name}` },
    { role: 'approver', username: 'demo_approver', displayName: `${r.village.name}村委会主任`, region: r.village, scope: `${r.town.name}${r.village.name} (village head)` },
    { role: 'approver', username: 'demo_town_agent', displayName: `${r.town.name}农村会计服务中心`, region: r.town, scope: `${r.town.name} (town agent, 2nd approval)` },
    { role: 'inspector', username: 'demo_inspector', displayName: `${r.county.name}纪委监委`, region: r.county, scope: r.county.name },
    { role: 'inspector', username: 'demo_town_inspector', displayName: `${r.town.name}纪委`, region: r.town, scope: `${r.town.name} (town discipline office)` },
  ];
  const ids = new Map<string, number>();
  for (const s of specs) {
    const u = await users.create(SEED_ACTOR, { username: s.username, password: DEMO_PASSWORD, displayName: s.displayName, role: s.role, regionId: s.region?.id });
    ids.set(s.username, u.id);
  }
  return {
    accounts: specs.map((s) => ({ role: s.role, username: s.username, password: DEMO_PASSWORD, scope: s.scope })),
    ids: { bookkeeperId: ids.get('demo_bookkeeper')!, approverId: ids.get('demo_approver')!, townAgentId: ids.get('demo_town_agent')!, townInspectorId: ids.get('demo_town_inspector')!, countyInspectorId: ids.get('demo_inspector')! },
  };
}

/**
 * The other villages' bookkeeper and village head. Their passwords are random and never shown:
 * they exist so that every village's entries have an author and an approver.
 */
export async function createVillageStaff(users: UsersService, village: Region): Promise<{ bookkeeperId: number; approverId: number }> {
  const secret = () => randomBytes(18).toString('base64url');
  const bk = await users.create(SEED_ACTOR, { username: `bk_${village.code}`, password: secret(), displayName: `${village.name}报账员`, role: 'bookkeeper', regionId: village.id });
  const ap = await users.create(SEED_ACTOR, { username: `ap_${village.code}`, password: secret(), displayName: `${village.name}村委会主任`, role: 'approver', regionId: village.id });
  return { bookkeeperId: bk.id, approverId: ap.id };
}
