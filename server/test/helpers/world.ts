import { Region } from '../../src/modules/regions/region.entity';
import { RegionImportService } from '../../src/modules/regions/region-import.service';
import { UsersService } from '../../src/modules/users/users.service';
import type { AuthUser } from '../../src/common/auth/auth-user';
import type { Role } from '@mingbai/shared';
import { TestApp, TEST_PASSWORD } from './test-app';

/** A small region tree: one county, two towns, three villages, and staff of every role. */
export const WORLD_CSV = [
  'code,name,opening_balance_fen,ledger_start,chart_version',
  '359900000000,示范市,,,',
  '359901000000,示范县,,,',
  '359901001000,东山镇,,,',
  '359901002000,西河镇,,,',
  '359901001001,上坂村,1000000,2024-01-01,2023',
  '359901001002,下洋村,500000,2024-01-01,2023',
  '359901002001,河口村,0,2024-01-01,2004',
].join('\n');

export const WORLD_USERS: { username: string; role: Role; region: string | null; displayName: string }[] = [
  { username: 'admin', role: 'admin', region: null, displayName: '系统管理员' },
  { username: 'bk_a', role: 'bookkeeper', region: '359901001001', displayName: '上坂报账员' },
  { username: 'bk_a2', role: 'bookkeeper', region: '359901001001', displayName: '上坂报账员二' },
  { username: 'bk_b', role: 'bookkeeper', region: '359901001002', displayName: '下洋报账员' },
  { username: 'bk_c', role: 'bookkeeper', region: '359901002001', displayName: '河口报账员' },
  { username: 'ap_a', role: 'approver', region: '359901001001', displayName: '上坂村主任' },
  { username: 'ap_town1', role: 'approver', region: '359901001000', displayName: '东山镇代理会计' },
  { username: 'ap_town2', role: 'approver', region: '359901002000', displayName: '西河镇代理会计' },
  { username: 'insp_town1', role: 'inspector', region: '359901001000', displayName: '东山镇纪委' },
  { username: 'insp_county', role: 'inspector', region: '359901000000', displayName: '示范县纪委' },
];

export interface World {
  villages: { a: Region; b: Region; c: Region };
  towns: { one: Region; two: Region };
  county: Region;
  tokens: Record<string, string>;
  userIds: Record<string, number>;
  auth(username: string): { Authorization: string };
}

const ROOT: AuthUser = { id: 0, username: 'root', displayName: 'root', role: 'admin', regionId: null, regionPath: null, regionLevel: null };

export async function buildWorld(t: TestApp): Promise<World> {
  await t.app.get(RegionImportService).importCsv(WORLD_CSV);
  const byCode = async (code: string) => (await t.dataSource.manager.findOne(Region, { where: { code } }))!;
  const users = t.app.get(UsersService);
  const tokens: Record<string, string> = {};
  const userIds: Record<string, number> = {};
  for (const u of WORLD_USERS) {
    const region = u.region ? await byCode(u.region) : null;
    const created = await users.create(ROOT, { username: u.username, password: TEST_PASSWORD, displayName: u.displayName, role: u.role, regionId: region?.id });
    userIds[u.username] = created.id;
    const res = await t.http().post('/api/auth/login').send({ username: u.username, password: TEST_PASSWORD }).expect(200);
    tokens[u.username] = res.body.accessToken;
  }
  return {
    villages: { a: await byCode('359901001001'), b: await byCode('359901001002'), c: await byCode('359901002001') },
    towns: { one: await byCode('359901001000'), two: await byCode('359901002000') },
    county: await byCode('359901000000'),
    tokens,
    userIds,
    auth: (username) => ({ Authorization: `Bearer ${tokens[username]}` }),
  };
}
